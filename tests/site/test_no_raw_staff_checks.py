"""Nothing decides on the bare staff flag: "staff" is roles.is_staff (staff who passed a
second factor). A new `user.is_staff` in a view, service, template or queryset fails here;
the few places that must read the flag itself are listed with the reason."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "assistance",
    "coordination",
    "promotion",
    "repository",
    "notifications",
    "wsr",
    "templates",
]
RAW = re.compile(r"\b\w+\.is_staff\b(?!\()|\b\w+\.is_superuser\b")

ALLOWED = {
    # the role module itself, and what guards the admin sites and their second factor
    "wsr/members/roles.py": "computes staff from the flag and the session",
    "wsr/members/role_cache.py": "keys cached permissions by the superuser flag (no decision)",
    "wsr/members/middleware.py": "guards the admin sites for anyone they would let in",
    "wsr/members/factors.py": "an account with admin powers confirms a new authenticator",
    # finding staff people to list or assign them, not deciding what someone may do
    "assistance/selectors/cases.py": "expert suggestions include staff people",
    # "download my data" reports the flag as it is stored
    "wsr/members/selectors.py": "the data export shows the stored flag",
    # a digest preloads membership for many people at once; roles.is_member checks staff first
    "notifications/services/digests.py": "bulk preload of the member cache",
    # comments and docstrings that name the rule
    "wsr/site/templatetags/access.py": "docstring",
}


def test_no_code_decides_on_the_bare_staff_flag():
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            if path.suffix not in (".py", ".html") or "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            if relative in ALLOWED or "/management/" in relative:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.lstrip().startswith("#"):
                    continue
                hits = [m for m in RAW.findall(line) if not m.startswith(("roles.", "members."))]
                if hits:
                    found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "Use roles.is_staff or a permissions predicate:\n" + "\n".join(found)
