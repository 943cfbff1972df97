from django.core.management.base import BaseCommand

from notifications.services import outgoing_emails_requeue
from wsr.dispatch import pending_tasks_send


class Command(BaseCommand):
    help = (
        "Send the tasks kept while the broker was away, and queue again the emails whose "
        "task was lost (beat does this every minute; the worker as it starts)."
    )

    def handle(self, *args, **options):
        tasks = pending_tasks_send()
        emails = outgoing_emails_requeue()
        self.stdout.write(f"{tasks} kept tasks sent, {emails} emails queued again")
