"""One way to send an email and one way to send a task after a write (issue 18): every
email waits in the outbox (`notifications.services.email_queue`, or allauth's through
`rendered_email_queue`) and every task a write asks for goes through
`wsr.dispatch.dispatch_on_commit`, which keeps it when the broker is down."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "node_modules", "tests", "migrations", "var", "bench", "static"}

RULES = {
    # Putting an email together: one place.
    r"\bEmail(MultiAlternatives|Message)\(": {"wsr/members/emails.py"},
    r"(?<!def )\b(send_mail|send_mass_mail|mail_admins|mail_managers)\(": set(),
    # Sending now, bypassing the outbox: only its worker.
    r"(?<!def )\bemail_send\(": {"notifications/services/outbox.py"},
    # Tasks: a write sends them through the dispatch helper; a task may start others.
    r"\.(delay|apply_async)\b": {"wsr/dispatch.py", "wsr/redaction.py", "*/tasks.py"},
}


def _allowed(name: str, allowed: set) -> bool:
    return name in allowed or ("*/tasks.py" in allowed and name.endswith("/tasks.py"))


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIP & set(relative.parts[:-1]) or relative.parts[0] in SKIP:
            continue
        yield str(relative), path.read_text()


@pytest.mark.parametrize("pattern", RULES)
def test_emails_and_tasks_after_a_write_go_through_one_helper(pattern):
    allowed = RULES[pattern]
    found = [
        f"{name}:{text.count(chr(10), 0, match.start()) + 1}"
        for name, text in _sources()
        for match in re.finditer(pattern, text)
        if not _allowed(name, allowed)
    ]
    assert not found, f"use notifications.services.email_queue or wsr.dispatch: {found}"
