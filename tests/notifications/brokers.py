"""Celery pointed at a broker of a test's own (tests.servers.RedisServer), for the outage
tests."""

from contextlib import contextmanager

from tests.servers import RedisServer, free_port  # noqa: F401 (the outage tests use them)
from wsr import dispatch
from wsr.celery import app as celery_app


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
