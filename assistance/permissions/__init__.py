"""Who may do what in the assistance desk and the initiative registry: small named
predicates `can_<verb>_<thing>(user, obj) -> bool`, built on wsr.members.roles. Views,
services, templates ({% can %}) and Wagtail hooks ask these, nothing else."""

from .cases import *  # noqa: F401,F403
from .initiatives import *  # noqa: F401,F403
from .mail import *  # noqa: F401,F403
from .responses import *  # noqa: F401,F403
