from django.utils.functional import SimpleLazyObject


def notifications(request):
    """The bell's unread count, read (from the cache, or one query) only when a template
    shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .bell import unread_count

    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
