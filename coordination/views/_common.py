from wsr.site.access import login_required, members_only, staff_required  # noqa: F401


def error_text(error) -> str:
    return " ".join(error.messages)
