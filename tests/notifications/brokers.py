"""A redis-server of a test's own, and Celery pointed at a broker, for the outage tests."""

import socket
import subprocess
import time
from contextlib import contextmanager

from wsr import dispatch
from wsr.celery import app as celery_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server on a free port, without persistence, that a test stops and starts."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _forget_connections():
    """Close pooled broker connections, so the next publish connects to broker_url."""
    from kombu import pools

    pools.reset()
    celery_app._pool = None  # noqa: SLF001
    celery_app.amqp._producer_pool = None  # noqa: SLF001


@contextmanager
def celery_publishing_to(url: str):
    """Celery, not eager, publishing to `url`, as in production; as before afterwards."""
    conf = celery_app.conf
    previous = conf.broker_url
    conf.broker_url = url
    conf.task_always_eager = False
    _forget_connections()
    try:
        yield
    finally:
        conf.task_always_eager = True
        conf.broker_url = previous
        _forget_connections()
        dispatch.broker_is_back()  # no quiet period left for the next test
