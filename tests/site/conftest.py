import pytest

from .s3 import seaweedfs


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real S3-compatible server (tests/site/s3.py), started on first use, once per worker."""
    with seaweedfs(tmp_path_factory.getbasetemp()) as server:
        yield server


@pytest.fixture(scope="session")
def s3_bucket(s3_server) -> str:
    return s3_server.create_bucket()


@pytest.fixture(scope="session")
def s3_storages(s3_server, s3_bucket) -> dict:
    """`default` and `private` as wsr/settings.py makes them when S3_BUCKET names that bucket."""
    built = s3_server.storages(s3_bucket)
    return {alias: built[alias] for alias in ("default", "private")}
