"""Large enforcement-figures CSVs, imported by a task on the `heavy` queue (issue 18): the
request stores the file and answers at once; the task checks every row as the request does
for small files, saves all the rows or none, and writes its progress and its messages (in
the sender's language) on the ReportImport the sender's page shows."""

import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wsr.dispatch import dispatch_on_commit

from .. import permissions
from ..models import Initiative, ReportImport

logger = logging.getLogger(__name__)


@transaction.atomic
def report_import_start(
    *, initiative: Initiative, actor, text: str, rows: int, language: str
) -> ReportImport:
    """Keep the file in private storage and hand it to a task; the sender follows it on the
    import's page."""
    from ..tasks import import_enforcement_reports

    if not permissions.can_report_figures(actor, initiative):
        raise PermissionDenied(
            _("Only the initiative's lead organization and staff report figures.")
        )
    job = ReportImport(initiative=initiative, created_by=actor, language=language, rows_total=rows)
    job.file.save("figures.csv", ContentFile(text.encode("utf-8")), save=False)
    job.save()
    dispatch_on_commit(import_enforcement_reports, import_id=job.pk)
    return job


def report_import_run(*, import_id: int) -> ReportImport | None:
    """Check and save the rows of a waiting import; safe to run twice (a finished import is
    left as it is)."""
    from ..forms.initiatives import read_report_rows, shown_errors
    from .assessments import reports_import

    job = ReportImport.objects.select_related("initiative", "created_by").filter(pk=import_id)
    job = job.first()
    if job is None or job.is_finished:
        return job
    ReportImport.objects.filter(pk=job.pk).update(status=ReportImport.Status.RUNNING)

    def progress(rows_read: int) -> None:
        ReportImport.objects.filter(pk=job.pk).update(rows_done=rows_read)

    with translation.override(job.language):
        try:
            with job.file.open("rb") as file:
                text = file.read().decode("utf-8")
            rows, errors = read_report_rows(text, progress=progress)
            saved = 0
            if not errors and not rows:
                errors = [_("The file has no rows of figures.")]
            if not errors:
                try:
                    saved = len(
                        reports_import(initiative=job.initiative, actor=job.created_by, rows=rows)
                    )
                except (ValidationError, PermissionDenied) as error:
                    errors = list(getattr(error, "messages", [str(error)]))
        except OSError:
            logger.exception("could not read the file of figures import %s", job.pk)
            saved, errors = 0, [_("The file could not be read: send it again.")]
        except SoftTimeLimitExceeded:
            saved, errors = (
                0,
                [
                    _(
                        "The file took too long to check and nothing was imported. Send it in "
                        "smaller parts, for example one file per year."
                    )
                ],
            )
        _finish(job, saved=saved, errors=shown_errors(errors))
    return job


def _finish(job: ReportImport, *, saved: int, errors: list[str]) -> None:
    job.status = ReportImport.Status.FAILED if errors else ReportImport.Status.DONE
    job.saved, job.errors = saved, [str(message) for message in errors]
    job.rows_done = job.rows_total
    job.finished_at = timezone.now()
    if job.file:
        try:
            job.file.delete(save=False)  # the figures are in the database now, or refused
        except OSError:
            logger.warning("could not delete the file of figures import %s", job.pk)
    job.save()
