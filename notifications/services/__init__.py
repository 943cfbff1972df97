from .delivery import classify, deliver, delivery_claim  # noqa: F401
from .digests import (  # noqa: F401
    delivery_retry,
    digest_deliver_batch,
    digest_plan,
    notification_deliver,
)
from .newsletter import newsletter_deliver_batch, newsletter_plan  # noqa: F401
from .notify import notifications_mark_read, notify, tell  # noqa: F401
from .outbox import (  # noqa: F401
    email_queue,
    outgoing_email_discard,
    outgoing_email_send,
    outgoing_emails_requeue,
    rendered_email_queue,
)
from .preferences import (  # noqa: F401
    modes_of,
    preferences_save,
    schedule_of,
    unsubscribe_apply,
    unsubscribe_read,
    unsubscribe_token,
)
