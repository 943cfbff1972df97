"""Second-factor codes for the journeys."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

_TOTP_USED: dict[str, int] = {}


def totp_code(secret: str) -> str:
    """A code allauth accepts now, never one this run gave before: it takes the current
    30 s step, or the next one (MFA_TOTP_TOLERANCE = 1 accepts a step either side) when the
    current one was given already, so a journey that signs in twice in one step, or whose
    code is typed as the step ends, does not depend on the clock. When both are spent it
    waits for the next step (a condition on the clock, at most 30 s, rare: three sign-ins
    of one person within one step)."""
    while True:
        now = int(time.time()) // 30
        counter = max(now, _TOTP_USED.get(secret, now - 1) + 1)
        if counter <= now + 1:
            _TOTP_USED[secret] = counter
            return format_hotp_value(hotp_value(secret, counter))
        time.sleep(0.2)
