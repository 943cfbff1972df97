from wsr.site.access import (  # noqa: F401
    login_required,
    members_only,
    object_view,
    staff_required,
)


def error_text(error) -> str:
    return " ".join(error.messages)
