from celery import shared_task

from . import snapshots


@shared_task(ignore_result=True)
def write_open_data_snapshots() -> str:
    """Daily: the bulk files of every collection under /data/<today>/ (issue 21)."""
    return snapshots.snapshot_write().name
