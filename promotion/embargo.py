"""A press release's embargo is stated in its release time zone (issue 17): "09:00
America/New_York" goes out at 09:00 in New York, whatever zone the editor's browser or
Wagtail profile is in. The scheduler (`publish_scheduled`) then releases it as before."""

import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from wsr.site.time_zones import canonical_zone


def release_moment(wall_clock, zone: str):
    """The instant at which the clock in `zone` shows `wall_clock` (a naive datetime, or an
    aware one whose reading in the active zone is the time the editor typed)."""
    if timezone.is_aware(wall_clock):
        wall_clock = timezone.localtime(wall_clock).replace(tzinfo=None)
    return timezone.make_aware(wall_clock, zoneinfo.ZoneInfo(zone))


def release_wall_clock(moment, zone: str):
    """What the clock in `zone` shows at `moment`, as the naive time the form displays."""
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


def _is_press_release(kind) -> bool:
    return kind == "press_release"


class ArticlePageForm(WagtailAdminPageForm):
    """The article editor: a press release's "go live" time is read and shown in its
    release time zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "go_live_at" not in self.fields:
            return
        self.fields["go_live_at"].help_text = _(
            "Press releases: in the release time zone (see the Content tab)."
        )
        page = self.instance
        zone = canonical_zone(getattr(page, "release_time_zone", None))
        if _is_press_release(getattr(page, "kind", None)) and zone and page.go_live_at:
            self.initial["go_live_at"] = release_wall_clock(page.go_live_at, zone)

    def clean(self):
        cleaned = self.cleaned_data
        if _is_press_release(cleaned.get("kind")):
            zone = canonical_zone(cleaned.get("release_time_zone"))
            if zone is None:
                self.add_error(
                    "release_time_zone",
                    _("Enter a time zone such as America/New_York or Europe/Madrid."),
                )
            else:
                cleaned["release_time_zone"] = zone
                if cleaned.get("go_live_at"):
                    cleaned["go_live_at"] = release_moment(cleaned["go_live_at"], zone)
        return super().clean()
