"""Two framework versions compared criterion by criterion (issue 19): criteria matched by their
stable key, each added, removed, changed or unchanged, and the changed texts as a word diff in
the reader's language. Reads only; the view decides who may see which versions."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Criterion, FrameworkVersion

# Text fields compared, with their label; each has a Spanish twin `<name>_es` except none.
TEXT_FIELDS = [
    ("name", _("Name")),
    ("description", _("Description")),
    ("indicators", _("Indicators")),
    ("guidance_absent", _("What scores 0 (absent)")),
    ("guidance_weak", _("What scores 1 (weak)")),
    ("guidance_partial", _("What scores 2 (partial)")),
    ("guidance_strong", _("What scores 3 (strong)")),
]
SCORE_FIELDS = [
    ("min_to_meet", _("Minimum score to meet the criteria")),
    ("min_to_partly_meet", _("Minimum score to partly meet them")),
]
# A token is a word, a run of spaces or one other character: the diff marks whole words.
TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


class Status:
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass
class Segment:
    kind: str  # "equal", "removed" or "added"
    text: str


@dataclass
class FieldChange:
    label: str
    segments: list[Segment] = field(default_factory=list)
    # True when only the other language's text changed (the reader's is the same).
    other_language_only: bool = False


@dataclass
class CriterionComparison:
    key: str
    status: str
    old: Criterion | None
    new: Criterion | None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def name(self) -> str:
        return (self.new or self.old).display_name


@dataclass
class VersionComparison:
    old: FrameworkVersion
    new: FrameworkVersion
    criteria: list[CriterionComparison]

    def count(self, status: str) -> int:
        return sum(1 for c in self.criteria if c.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {
            s: self.count(s)
            for s in (Status.ADDED, Status.REMOVED, Status.CHANGED, Status.UNCHANGED)
        }


def word_diff(old: str, new: str) -> list[Segment]:
    """`old` to `new` as equal, removed and added runs of whole words."""
    before, after = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(before[a1:a2])))
            continue
        if op in ("replace", "delete"):
            segments.append(Segment("removed", "".join(before[a1:a2])))
        if op in ("replace", "insert"):
            segments.append(Segment("added", "".join(after[b1:b2])))
    return segments


def _texts(criterion: Criterion, name: str, spanish: bool) -> tuple[str, str]:
    """(the reader's text, the other language's text) of a field, as the pages show it: the
    Spanish falls back to the English where it is empty."""
    english = getattr(criterion, name) or ""
    translated = getattr(criterion, f"{name}_es", "") or english
    return (translated, english) if spanish else (english, translated)


def _score_text(value) -> str:
    return "–" if value is None else str(value)


def compare_criteria(old: Criterion, new: Criterion) -> list[FieldChange]:
    """What changed between two criteria with the same key, field by field."""
    spanish = get_language() == "es"
    changes = []
    for name, label in TEXT_FIELDS:
        old_mine, old_other = _texts(old, name, spanish)
        new_mine, new_other = _texts(new, name, spanish)
        if old_mine != new_mine:
            changes.append(FieldChange(str(label), word_diff(old_mine, new_mine)))
        elif old_other != new_other:
            changes.append(FieldChange(str(label), other_language_only=True))
    for name, label in SCORE_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(
                FieldChange(
                    str(label),
                    [Segment("removed", _score_text(before)), Segment("added", _score_text(after))],
                )
            )
    return changes


def compare_versions(old: FrameworkVersion, new: FrameworkVersion) -> VersionComparison:
    """Every criterion of either version, in the new version's order (removed ones last, in
    the old order), with its status and changes. One query for both versions' criteria."""
    criteria = list(
        Criterion.objects.filter(version__in=[old.pk, new.pk]).order_by("sort_order", "pk")
    )
    before = {c.key: c for c in criteria if c.version_id == old.pk}
    after = {c.key: c for c in criteria if c.version_id == new.pk}
    rows = []
    for key, criterion in after.items():
        previous = before.get(key)
        if previous is None:
            rows.append(CriterionComparison(key, Status.ADDED, None, criterion))
            continue
        changes = compare_criteria(previous, criterion)
        status = Status.CHANGED if changes else Status.UNCHANGED
        rows.append(CriterionComparison(key, status, previous, criterion, changes))
    for key, criterion in before.items():
        if key not in after:
            rows.append(CriterionComparison(key, Status.REMOVED, criterion, None))
    return VersionComparison(old=old, new=new, criteria=rows)
