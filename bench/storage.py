"""Upload and download of a 10 MB file through the local disk and through an S3-compatible
server (issue 18): median of 5 runs after one warm-up, in ms and MB/s.

Run: .venv/bin/python bench/storage.py
It starts SeaweedFS the way the tests do (tests/site/s3.py: `weed mini` on free ports in a
temporary folder), or uses WSR_TEST_S3_ENDPOINT, and creates a bucket of its own.
Rows: the storage API (save, open + read) for public media and private files, then what a
download view does: stream through FileResponse (the default), or, with
PRIVATE_FILES_REDIRECT, hand out a signed URL that the browser fetches from the store.
"""

import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.site.s3 import seaweedfs  # noqa: E402

SIZE = int(os.environ.get("BENCH_STORAGE_MB", 10)) * 1024 * 1024
RUNS = int(os.environ.get("BENCH_STORAGE_RUNS", 5))
CHUNK = 1024 * 1024


class _Stored:
    """What a FileField gives a view: a name in a storage."""

    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def open(self, mode="rb"):
        return self.storage.open(self.name, mode)


def _read_all(handle) -> int:
    total = 0
    with handle:
        while chunk := handle.read(CHUNK):
            total += len(chunk)
    return total


def _measure(operation, rounds=RUNS) -> float:
    operation()  # warm-up: connections, first volume of the bucket
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        operation()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _rows(label, storage, source: Path, *, private: bool):
    from django.core.files import File
    from django.test import override_settings

    from wsr.site.storage import serve_private_file

    names = []

    def upload():
        with source.open("rb") as handle:
            names.append(storage.save("bench/big.bin", File(handle, name="big.bin")))

    yield f"{label}: upload", _measure(upload)
    name = names[-1]
    yield f"{label}: download", _measure(lambda: _read_all(storage.open(name)))
    if private:
        stored = _Stored(storage, name)

        def streamed():
            response = serve_private_file(stored, filename="big.bin")
            assert sum(len(part) for part in response.streaming_content) == SIZE
            response.close()

        yield f"{label}: download view, streamed", _measure(streamed)
        if hasattr(storage, "signed_url"):

            def redirected():
                with override_settings(PRIVATE_FILES_REDIRECT=True):
                    response = serve_private_file(stored, filename="big.bin")
                with urllib.request.urlopen(response["Location"]) as answer:
                    assert _read_all(answer) == SIZE

            yield f"{label}: download view, 302 + signed GET", _measure(redirected)
    for stored_name in names:
        storage.delete(stored_name)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wsr-bench-storage-") as folder, seaweedfs() as server:
        folder = Path(folder)
        bucket = server.create_bucket("wsr-bench")
        os.environ.update(server.environment(bucket))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsr.settings")
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'unused.sqlite3'}")
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        import django

        django.setup()
        from django.core.files.storage import FileSystemStorage, default_storage

        from wsr.site.storage import PrivateFileSystemStorage, private_storage

        source = folder / "big.bin"
        source.write_bytes(os.urandom(SIZE))
        stores = [
            ("local disk, public", FileSystemStorage(location=folder / "media"), False),
            ("local disk, private", PrivateFileSystemStorage(location=folder / "private"), True),
            ("S3 (SeaweedFS), public", default_storage, False),
            ("S3 (SeaweedFS), private", private_storage("bench"), True),
        ]
        megabytes = SIZE / 1024 / 1024
        print(f"{megabytes:.0f} MB file, median of {RUNS} runs after a warm-up")
        print(f"{'':52} {'ms':>8} {'MB/s':>8}")
        for label, storage, private in stores:
            for row, seconds in _rows(label, storage, source, private=private):
                print(f"{row:52} {seconds * 1000:8.1f} {megabytes / seconds:8.0f}")


if __name__ == "__main__":
    main()
