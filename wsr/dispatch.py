"""The one way a task is sent after a write (issue 18): the write never fails, nor waits
long, because the broker is away.

`dispatch_on_commit(task, **ids)` sends the task once the transaction commits. When the
broker cannot take it, the task is kept in the database (`notifications.PendingTask`) and
sent when the broker is back: by the worker as it starts (`worker_ready`), by beat every
minute (`notifications.tasks.send_pending_tasks`), or by `manage.py send_pending`. Every task
sent this way is idempotent (an email row deleted once sent, a delivery record per email),
so the rare second send of a kept task does nothing.

With eager tasks (the embedded default, and the tests) the task runs on commit as before.
"""

import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Publishing gives up fast: Celery's default would retry for a while and hold the request.
# One quick retry replaces a pooled connection that died with the broker.
PUBLISH_OPTIONS = {
    "retry": True,
    "retry_policy": {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    },
}
# After a failure this process keeps tasks without trying the broker for a while: a broker
# that does not answer (rather than refuses) would otherwise cost each request a timeout.
QUIET_SECONDS = 10
BATCH = 200

_broker_down_until = 0.0


def _ids_only(kwargs: dict) -> None:
    """Task arguments are ids (STYLE.md): they sit in the broker, the outbox and logs."""
    for key, value in kwargs.items():
        values = value if isinstance(value, list | tuple) else [value]
        if not all(item is None or isinstance(item, int) for item in values):
            raise TypeError(f"{key}: a task sent after a write takes ids only")


def dispatch_on_commit(task, *, countdown: int | None = None, **kwargs) -> None:
    """Send `task(**kwargs)` after the current transaction commits (now, outside one);
    kept in the database for later if the broker cannot take it. `kwargs` are ids."""
    _ids_only(kwargs)
    if task.app.conf.task_always_eager:
        transaction.on_commit(lambda: task.apply_async(kwargs=kwargs, countdown=countdown))
        return
    transaction.on_commit(lambda: dispatch(task, countdown=countdown, **kwargs), robust=True)


def dispatch(task, *, countdown: int | None = None, **kwargs) -> bool:
    """Hand `task` to the broker now, or keep it (False) when the broker is away."""
    global _broker_down_until
    if time.monotonic() >= _broker_down_until:
        try:
            task.apply_async(kwargs=kwargs, countdown=countdown, **PUBLISH_OPTIONS)
            return True
        except Exception as error:  # noqa: BLE001 (any failure to publish: keep the task)
            _broker_down_until = time.monotonic() + QUIET_SECONDS
            # The task's name only: its arguments may identify a person.
            logger.warning(
                "broker unavailable (%s): %s kept to send later", type(error).__name__, task.name
            )
    _keep(task.name, kwargs, countdown)
    return False


def _keep(name: str, kwargs: dict, countdown: int | None) -> None:
    from notifications.models import PendingTask

    PendingTask.objects.create(
        name=name,
        kwargs=kwargs,
        available_at=timezone.now() + timedelta(seconds=countdown or 0),
    )


def broker_is_back() -> None:
    """Forget an earlier failure: the next dispatch tries the broker again."""
    global _broker_down_until
    _broker_down_until = 0.0


def pending_tasks_send(*, limit: int = 10_000) -> int:
    """Send the kept tasks that are due, oldest first, each once; stop at the first the
    broker refuses (it is still away). Returns how many were sent."""
    from django.db.models import F

    from notifications.models import PendingTask

    from .celery import app as current_app

    current_app.loader.import_default_modules()  # every app's tasks, outside a worker too
    known = set(current_app.tasks.keys())
    sent = 0
    while sent < limit:
        with transaction.atomic():
            rows = list(
                PendingTask.objects.select_for_update(skip_locked=True)
                .filter(available_at__lte=timezone.now(), name__in=known)
                .order_by("pk")[:BATCH]
            )
            if not rows:
                break
            done = []
            for row in rows:
                try:
                    current_app.tasks[row.name].apply_async(kwargs=row.kwargs, **PUBLISH_OPTIONS)
                except Exception as error:  # noqa: BLE001
                    left = [other.pk for other in rows if other.pk not in done]
                    PendingTask.objects.filter(pk__in=left).update(attempts=F("attempts") + 1)
                    PendingTask.objects.filter(pk__in=done).delete()
                    logger.warning(
                        "broker still unavailable (%s): %s tasks wait",
                        type(error).__name__,
                        len(left),
                    )
                    return sent + len(done)
                done.append(row.pk)
            PendingTask.objects.filter(pk__in=done).delete()
            sent += len(done)
    if sent:
        broker_is_back()
        logger.info("sent %s tasks kept while the broker was away", sent)
    unknown = PendingTask.objects.exclude(name__in=known).count()
    if unknown:
        logger.error("%s kept tasks name no task this process knows", unknown)
    return sent


def send_on_worker_start(**kwargs) -> None:
    """`worker_ready`: what waited while the broker was away goes as a worker starts."""
    try:
        pending_tasks_send()
    except Exception:  # a worker must start even if this fails; beat tries every minute
        logger.exception("could not send the kept tasks")
