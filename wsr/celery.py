import os

from celery import Celery
from celery.signals import setup_logging

from wsr.redaction import RedactedArgumentsTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsr.settings")

# Tasks describe their arguments without their text (issue 16): see wsr.redaction.
app = Celery("wsr", task_cls=RedactedArgumentsTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def use_django_logging(**kwargs):
    """The worker logs through settings.LOGGING (its JSON lines and the filter that takes
    secrets out), not through handlers of its own."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
