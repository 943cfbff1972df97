"""Email never waits behind heavy work (issue 18): the router sends email and notifications
to `default` and text extraction, imports, digests and warm-ups to `heavy`, every task has
a time limit, and extraction's own limits are tighter than the global ones."""

from django.conf import settings

from wsr.celery import app

HEAVY = {
    "repository.tasks.extract_document_text",
    "repository.tasks.warm_search_counts",
    "assistance.tasks.import_enforcement_reports",
    "notifications.tasks.run_digests",
    "notifications.tasks.send_digest_batch",
    "notifications.tasks.send_newsletter_batch",
}


def queue_of(name: str) -> str:
    route = app.amqp.router.route({}, name, args=(), kwargs={})
    return route["queue"].name


def project_tasks() -> set[str]:
    app.loader.import_default_modules()
    prefixes = ("repository.", "assistance.", "notifications.", "coordination.", "promotion.")
    return {name for name in app.tasks if name.startswith(prefixes)}


def test_email_goes_to_default_and_extraction_to_heavy():
    assert queue_of("notifications.tasks.send_outgoing_email") == "default"
    assert queue_of("notifications.tasks.send_notification") == "default"
    assert queue_of("assistance.tasks.send_request_receipt") == "default"
    assert queue_of("repository.tasks.extract_document_text") == "heavy"


def test_every_task_has_one_queue_and_every_route_names_a_real_task():
    tasks = project_tasks()
    assert set(settings.CELERY_TASK_ROUTES) <= tasks, set(settings.CELERY_TASK_ROUTES) - tasks
    assert {name for name in tasks if queue_of(name) == "heavy"} == HEAVY
    assert {queue_of(name) for name in tasks - HEAVY} == {"default"}


def test_no_task_runs_without_a_time_limit_and_extraction_has_a_tighter_one():
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.worker_max_memory_per_child and app.conf.worker_max_tasks_per_child
    extract = app.tasks["repository.tasks.extract_document_text"]
    assert extract.soft_time_limit < extract.time_limit < app.conf.task_soft_time_limit
    assert extract.soft_time_limit > settings.WSR_EXTRACT_SECONDS
