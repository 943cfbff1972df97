from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from celery.signals import worker_ready

        from wsr.dispatch import send_on_worker_start

        from . import bell  # noqa: F401 (the bell's count forgets on every write)

        # What waited while the broker was away goes as soon as a worker is up (issue 18).
        worker_ready.connect(send_on_worker_start, dispatch_uid="wsr-send-pending")
