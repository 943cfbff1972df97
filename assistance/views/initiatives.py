"""The initiative registry: public directory, scorecards, comparison, framework and
downloads; the assessors' workbench; the right of reply; enforcement figures.

Outside an assessment's audience every assessment URL answers 404; the public sees only
published scorecards, and never confidential evidence."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.api.cache import RECORDS
from wsr.site import csv as safe_csv
from wsr.site.access import login_required, object_view, public, staff_required
from wsr.site.fragments import fragment
from wsr.site.storage import serve_private_file
from wsr.site.widgets import SECTORS

from .. import permissions, selectors, services
from ..filters import InitiativeFilter
from ..forms import (
    AssignAssessorForm,
    DeclarationForm,
    EvidenceForm,
    InitiativeReplyForm,
    NoteForm,
    OpenAssessmentForm,
    OverrideForm,
    ReportForm,
    ReportUploadForm,
    ReportVerifyForm,
    ScoreForm,
    SummaryForm,
)
from ..forms.figures import ComplaintCountsForm
from ..forms.initiatives import LargeUpload
from ..models import (
    AccessRecord,
    Assessment,
    CriterionScore,
    EnforcementReport,
    Evidence,
    FrameworkVersion,
    Initiative,
    Stage,
)
from ..selectors.responses import assessment_trail, responses_by_criterion
from ..services import figures
from ..services.imports import report_import_start
from .cases import _error_text
from .responses import attach_responses

User = get_user_model()

DIRECTORY_PAGE_SIZE = 30
MAX_COMPARED = 6


# Public ------------------------------------------------------------------------------------


@public
def initiative_list(request):
    # The heading, filters and results are the same for every reader of an audience (staff
    # also see unlisted initiatives), language and query: built once until the registry's
    # data changes (RECORDS: initiatives, assessments, organizations, sectors; issue 22).
    directory = fragment(
        "assistance:initiative-list",
        lambda: _initiative_directory(request),
        request=request,
        generations=[RECORDS, SECTORS.generation],
        vary=[request.GET.urlencode()],
    )
    return render(request, "assistance/initiative_list.html", {"directory": mark_safe(directory)})


def _initiative_directory(request) -> str:
    filters = InitiativeFilter(request.GET, queryset=Initiative.objects.all())
    initiatives = selectors.initiative_directory(request.user, filters.qs)
    page_obj = Paginator(initiatives, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "assistance/_initiative_directory.html",
        {"filter": filters, "page_obj": page_obj, "query_string": query.urlencode()},
        request=request,
    )


def _trend_measures():
    return [
        ("complaints_received", _("Complaints received"), "series--received"),
        ("complaints_resolved", _("Complaints resolved"), "series--resolved"),
    ]


@object_view
def initiative_detail(request, slug):
    initiative = selectors.initiative_for(request.user, slug)
    scorecards = list(selectors.published_assessments(initiative))
    reports = list(figures.with_counts(selectors.enforcement_reports(initiative, request.user)))
    verified = [r for r in reports if r.status == EnforcementReport.Status.VERIFIED]
    latest = scorecards[-1] if scorecards else None
    return render(
        request,
        "assistance/initiative_detail.html",
        {
            "initiative": initiative,
            "lead_organizations": list(initiative.lead_organizations.all()),
            "participants": list(initiative.participating_organizations.all()),
            "sectors": list(initiative.sectors.all()),
            "buyers": selectors.public_buyers(initiative),
            "scorecards": list(reversed(scorecards)),
            "latest": latest,
            "latest_rows": selectors.score_rows(latest) if latest else [],
            "history": selectors.score_history(scorecards) if len(scorecards) > 1 else None,
            "reports": reports,
            "verified": verified,
            "trend": figures.trend_chart(verified, _trend_measures()),
            # issue 19: per year and per 1,000 workers beside the raw values; complaints by
            # category and outcome
            "normalized": figures.normalized_rows(verified),
            "count_table": figures.count_table(reports),
            "narratives": [r for r in reports if r.narrative],
        },
    )


@object_view
def scorecard(request, slug, pk):
    # Only published scorecards are shown here, the same to every reader: kept per language
    # and time zone until the registry's data changes (RECORDS; issue 22). Not found is
    # never kept.
    parts = fragment(
        "assistance:scorecard",
        lambda: _scorecard_parts(request, slug, pk),
        request=request,
        generations=[RECORDS],
        vary=[slug, pk],
        per_audience=False,
    )
    return render(
        request,
        "assistance/scorecard.html",
        {"title": mark_safe(parts["title"]), "content": mark_safe(parts["content"])},
    )


def _scorecard_parts(request, slug, pk) -> dict:
    assessment = selectors.scorecard_for(slug, pk)
    initiative = assessment.initiative
    history = list(selectors.published_assessments(initiative))
    context = {
        "assessment": assessment,
        "initiative": initiative,
        "rows": selectors.score_rows(
            assessment,
            evidence=assessment.public_evidence,
            responses=assessment.published_responses,
        ),
        "general_evidence": [e for e in assessment.public_evidence if e.criterion_id is None],
        "history": selectors.score_history(history) if len(history) > 1 else None,
        "reply": getattr(assessment, "reply", None),
    }
    return {
        "title": render_to_string("assistance/_scorecard_title.html", context, request=request),
        "content": render_to_string("assistance/_scorecard.html", context, request=request),
    }


EXPORT_COLUMNS = [
    "initiative",
    "initiative_slug",
    "assessment_id",
    "published_on",
    "framework_version",
    "determination",
    "determination_label",
    "is_override",
    "override_reason",
    "criterion_key",
    "criterion",
    "score",
    "rationale",
    "recommendation",
    "demo_data",
]


def _csv_response(rows, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = safe_csv.dict_writer(response, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return response


def _json_response(rows, filename):
    response = JsonResponse(
        {"scorecards": rows, "columns": EXPORT_COLUMNS}, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@object_view
def scorecard_download(request, slug, pk, fmt):
    assessment = selectors.scorecard_for(slug, pk)
    rows = selectors.export_rows([assessment])
    name = f"scorecard-{slug}-{pk}.{fmt}"
    return _csv_response(rows, name) if fmt == "csv" else _json_response(rows, name)


@public
def registry_download(request, fmt):
    rows = selectors.export_rows(selectors.exportable_assessments())
    name = f"wsr-scorecards.{fmt}"
    return _csv_response(rows, name) if fmt == "csv" else _json_response(rows, name)


@public
def compare(request):
    slugs = [s for s in request.GET.getlist("initiative") if s][:MAX_COMPARED]
    chosen = []
    if slugs:
        found = {
            i.slug: i for i in Initiative.objects.visible_to(request.user).filter(slug__in=slugs)
        }
        chosen = [found[s] for s in dict.fromkeys(slugs) if s in found]
    options = (
        Initiative.objects.visible_to(request.user)
        .filter(latest_assessment__isnull=False)
        .order_by("name")
    )
    return render(
        request,
        "assistance/compare.html",
        {
            "comparison": selectors.comparison(chosen) if chosen else None,
            "options": options,
            "chosen_slugs": [i.slug for i in chosen],
            "max_compared": MAX_COMPARED,
        },
    )


@public
def framework(request, number=None):
    versions = list(FrameworkVersion.objects.published())
    if not versions:
        raise Http404
    version = (
        get_object_or_404(FrameworkVersion.objects.published(), number=number)
        if number is not None
        else versions[0]
    )
    return render(
        request,
        "assistance/framework.html",
        {"version": version, "criteria": list(version.criteria.all()), "versions": versions},
    )


@object_view
def evidence_file(request, pk):
    """An evidence file: confidential ones to assessors and staff only; others also to
    whoever may see the assessment (the public, once it is published)."""
    evidence = get_object_or_404(Evidence.objects.select_related("assessment__initiative"), pk=pk)
    if not evidence.file or not permissions.can_see_evidence(request.user, evidence):
        raise Http404
    if evidence.is_confidential:  # who read confidential evidence is logged (issue 16)
        services.access_record(
            user=request.user,
            view_name=request.resolver_match.view_name,
            kind=AccessRecord.Kind.EVIDENCE_FILE,
            assessment=evidence.assessment,
            object_id=evidence.pk,
        )
    return serve_private_file(
        evidence.file,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )


# The workbench -----------------------------------------------------------------------------


@login_required
def assessment_list(request):
    can_open = permissions.can_open_assessment(request.user)
    return render(
        request,
        "assistance/assessment_list.html",
        {
            "assessments": selectors.assessment_list_for(request.user),
            "open_form": OpenAssessmentForm(prefix="open") if can_open else None,
        },
    )


@require_POST
@staff_required
def assessment_open(request):
    form = OpenAssessmentForm(request.POST, prefix="open")
    if form.is_valid():
        try:
            assessment = services.assessment_open(
                initiative=form.cleaned_data["initiative"],
                actor=request.user,
                assessors=form.cleaned_data["assessors"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The assessment is open: score each criterion."))
            return redirect(assessment)
    return render(
        request,
        "assistance/assessment_list.html",
        {
            "assessments": selectors.assessment_list_for(request.user),
            "open_form": form,
        },
        status=400,
    )


def _workbench(request, assessment, **bound):
    """The assessment as an assessor (or staff) works on it: every score form, evidence
    (confidential included), the trail and the next steps."""
    scores = list(
        CriterionScore.objects.filter(assessment=assessment)
        .select_related("criterion", "updated_by__profile")
        .order_by("criterion__sort_order", "criterion__pk")
    )
    evidence = list(
        assessment.evidence.select_related("criterion", "added_by").order_by("added_at")
    )
    score_forms = []
    responses = responses_by_criterion(assessment)  # the initiative's, per criterion
    for row in scores:
        row.response = responses.get(row.criterion_id)
        form = bound.get("score_form") if bound.get("score_pk") == row.pk else None
        form = form or ScoreForm(
            initial={
                "score": row.score,
                "rationale": row.rationale,
                "recommendation": row.recommendation,
            },
            prefix=f"score-{row.pk}",
        )
        score_forms.append((row, form, [e for e in evidence if e.criterion_id == row.criterion_id]))
    context = {
        "assessment": assessment,
        "initiative": assessment.initiative,
        "score_forms": score_forms,
        "general_evidence": [e for e in evidence if e.criterion_id is None],
        "computed": assessment.computed_determination(scores),
        "events": assessment.events.select_related("actor").order_by("created_at"),
        "assessors": selectors.assessors_of(assessment),
        "reply": getattr(assessment, "reply", None),
        "summary_form": bound.get("summary_form")
        or SummaryForm(initial={"summary": assessment.summary}, prefix="summary"),
        "evidence_form": bound.get("evidence_form")
        or EvidenceForm(assessment=assessment, prefix="evidence"),
        "note_form": bound.get("note_form") or NoteForm(prefix="return"),
        "override_form": bound.get("override_form")
        or OverrideForm(
            initial={"determination": assessment.override, "reason": assessment.override_reason},
            prefix="override",
        ),
        "assign_form": bound.get("assign_form")
        or AssignAssessorForm(assessment=assessment, prefix="assign"),
    }
    context["trail"] = assessment_trail(
        assessment, events=context["events"], assignments=context["assessors"]
    )
    if permissions.can_view_access_log(request.user, assessment):
        context["access_log"] = selectors.access_log_for(assessment=assessment)
        context["access_log_limit"] = selectors.ACCESS_LOG_LIMIT
        context["access_log_days"] = services.privacy.access_log_days()
    return render(
        request, "assistance/assessment_detail.html", context, status=bound.get("status", 200)
    )


def _reply_page(request, assessment, *, form=None, status=200, response_bound=None):
    """What the initiative's lead organization sees: scores, rationale, public evidence; no
    confidential evidence, no assessors' notes. Its response on each criterion too."""
    public_evidence = list(
        assessment.evidence.filter(is_confidential=False).select_related("criterion")
    )
    reply = getattr(assessment, "reply", None)
    rows = selectors.score_rows(
        Assessment.objects.prefetch_related("scores__criterion").get(pk=assessment.pk),
        evidence=public_evidence,
    )
    attach_responses(request, assessment, rows, bound=response_bound)
    return render(
        request,
        "assistance/assessment_reply.html",
        {
            "assessment": assessment,
            "initiative": assessment.initiative,
            "rows": rows,
            "computed": assessment.final_determination(),
            "reply": reply,
            "form": form or InitiativeReplyForm(initial={"text": reply.text if reply else ""}),
        },
        status=status,
    )


def _declaration_page(request, assessment, *, form=None, status=200):
    """What an assessor sees before declaring their interests, or once a conflict (declared,
    or an affiliation with the initiative) keeps them off the work: no evidence, no scores."""
    can_declare = permissions.can_declare_interests(request.user, assessment)
    return render(
        request,
        "assistance/assessment_declaration.html",
        {
            "assessment": assessment,
            "initiative": assessment.initiative,
            "assignment": assessment.assignments.filter(person=request.user).first(),
            "form": (form or DeclarationForm(prefix="declaration")) if can_declare else None,
            "refusal": None
            if can_declare
            else permissions.assessment_refusal(request.user, assessment),
        },
        status=status,
    )


def _for_assessor(request, pk) -> Assessment:
    assessment = selectors.assessment_for(request.user, pk)  # 404 outside the audience
    reason = permissions.assessment_refusal(request.user, assessment)
    if reason is not None:
        raise PermissionDenied(reason)
    return assessment


def _for_staff(request, pk) -> Assessment:
    assessment = selectors.assessment_for(request.user, pk)
    reason = permissions.staff_refusal(request.user, assessment)
    if reason is not None:
        raise PermissionDenied(reason)
    return assessment


@login_required
def assessment_detail(request, pk):
    assessment = selectors.assessment_for(request.user, pk)
    user = request.user
    if assessment.stage != Stage.PUBLISHED:  # who read it before publication is logged
        services.access_record(
            user=user,
            view_name=request.resolver_match.view_name,
            kind=AccessRecord.Kind.ASSESSMENT,
            assessment=assessment,
        )
    if permissions.can_assess(user, assessment):
        return _workbench(request, assessment)
    if permissions.can_declare_interests(user, assessment):
        return _declaration_page(request, assessment)
    if assessment.stage == Stage.PUBLISHED:
        return redirect(assessment.get_scorecard_url())
    if permissions.can_reply_to_assessment(user, assessment):
        return _reply_page(request, assessment)
    return _declaration_page(request, assessment)


@require_POST
@login_required
def assessment_declare(request, pk):
    assessment = selectors.assessment_for(request.user, pk)
    if not permissions.is_assigned_assessor(request.user, assessment):
        raise PermissionDenied(_("Only the assessors of this assessment declare their interests."))
    form = DeclarationForm(request.POST, prefix="declaration")
    if not form.is_valid():
        return _declaration_page(request, assessment, form=form, status=400)
    try:
        services.assessor_declare(
            assessment=assessment,
            actor=request.user,
            has_conflict=form.has_conflict,
            conflict=form.cleaned_data["conflict"],
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(assessment)
    if form.has_conflict:
        messages.success(
            request,
            _("Thank you: staff were told, and you no longer work on this assessment."),
        )
    else:
        messages.success(request, _("Thank you: the assessment is open to you."))
    return redirect(assessment)


@require_POST
@login_required
def score_save(request, pk, score_pk):
    assessment = _for_assessor(request, pk)
    row = get_object_or_404(CriterionScore, pk=score_pk, assessment=assessment)
    form = ScoreForm(request.POST, prefix=f"score-{row.pk}")
    if form.is_valid():
        try:
            services.score_record(
                assessment=assessment,
                actor=request.user,
                criterion=row.criterion,
                score=form.cleaned_data["score"],
                rationale=form.cleaned_data["rationale"],
                recommendation=form.cleaned_data["recommendation"],
            )
            messages.success(
                request, _("Saved: %(criterion)s.") % {"criterion": row.criterion.display_name}
            )
            return redirect(f"{assessment.get_absolute_url()}#criterion-{row.criterion.key}")
        except ValidationError as error:
            form.add_error(None, _error_text(error))
    return _workbench(request, assessment, score_form=form, score_pk=row.pk, status=400)


@require_POST
@login_required
def summary_save(request, pk):
    assessment = _for_assessor(request, pk)
    form = SummaryForm(request.POST, prefix="summary")
    if form.is_valid():
        try:
            services.summary_record(
                assessment=assessment, actor=request.user, summary=form.cleaned_data["summary"]
            )
            messages.success(request, _("The summary was saved."))
            return redirect(assessment)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
    return _workbench(request, assessment, summary_form=form, status=400)


@require_POST
@login_required
def evidence_create(request, pk):
    assessment = _for_assessor(request, pk)
    form = EvidenceForm(request.POST, request.FILES, assessment=assessment, prefix="evidence")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(
                assessment=assessment,
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                criterion=data["criterion"],
                url=data["url"],
                upload=data["file"],
                notes=data["notes"],
                is_confidential=data["is_confidential"],
            )
            messages.success(request, _("The evidence was added."))
            return redirect(f"{assessment.get_absolute_url()}#evidence")
        except ValidationError as error:
            form.add_error(None, _error_text(error))
    return _workbench(request, assessment, evidence_form=form, status=400)


@require_POST
@login_required
def assessor_add(request, pk):
    assessment = _for_staff(request, pk)
    form = AssignAssessorForm(request.POST, assessment=assessment, prefix="assign")
    if form.is_valid():
        try:
            services.assessor_assign(
                assessment=assessment, actor=request.user, person=form.cleaned_data["person"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The assessor was added."))
            return redirect(assessment)
    else:
        person_pk = request.POST.get("assign-person", "")
        person = User.objects.filter(pk=person_pk).first() if person_pk.isdigit() else None
        reason = person and services.assessor_refusal(
            initiative=assessment.initiative, person=person
        )
        messages.error(request, reason or " ".join(form.errors.get("person", [])))
    return redirect(assessment)


STAGE_ACTIONS = {
    "submit": (services.assessment_submit, gettext_lazy("Submitted for review.")),
    "sign_off": (
        services.assessment_sign_off,
        gettext_lazy("Signed off: the lead organization may now reply."),
    ),
    "approve": (services.assessment_approve, gettext_lazy("Approved.")),
    "publish": (services.assessment_publish, gettext_lazy("Published: the scorecard is public.")),
}


@require_POST
@login_required
def assessment_move(request, pk):
    assessment = _for_assessor(request, pk)
    action = request.POST.get("action")
    if action == "return":
        form = NoteForm(request.POST, prefix="return")
        if not form.is_valid():
            return _workbench(request, assessment, note_form=form, status=400)
        try:
            services.assessment_return(
                assessment=assessment, actor=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, _("Returned to draft."))
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return redirect(assessment)
    if action not in STAGE_ACTIONS:
        messages.error(request, _("Choose one of the next steps offered."))
        return redirect(assessment)
    service, done = STAGE_ACTIONS[action]
    try:
        assessment = service(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(assessment)
    messages.success(request, str(done))
    if assessment.stage == Stage.PUBLISHED:
        return redirect(assessment.get_scorecard_url())
    return redirect(assessment)


@require_POST
@login_required
def override_save(request, pk):
    assessment = _for_staff(request, pk)
    form = OverrideForm(request.POST, prefix="override")
    if form.is_valid():
        try:
            services.determination_override(
                assessment=assessment,
                actor=request.user,
                determination=form.cleaned_data["determination"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The determination was saved."))
            return redirect(assessment)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
    return _workbench(request, assessment, override_form=form, status=400)


@require_POST
@login_required
def reply_save(request, pk):
    assessment = selectors.assessment_for(request.user, pk)
    form = InitiativeReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_submit(
                assessment=assessment, actor=request.user, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Thank you: your response was sent to the assessors."))
            return redirect(assessment)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
    return _reply_page(request, assessment, form=form, status=400)


# Enforcement figures -----------------------------------------------------------------------


def _unchanged_text(n: int) -> str:
    return ngettext(
        "%(n)s period unchanged: it is verified already with the same figures, so it was "
        "left as it is.",
        "%(n)s periods unchanged: they are verified already with the same figures, so they "
        "were left as they are.",
        n,
    ) % {"n": n}


@login_required
def report_submit(request, slug):
    initiative = selectors.initiative_for(request.user, slug)
    if not permissions.can_report_figures(request.user, initiative):
        raise PermissionDenied(
            _("Only the initiative's lead organization and staff report figures.")
        )
    form, upload_form, status = ReportForm(prefix="report"), ReportUploadForm(prefix="csv"), 200
    counts_form = ComplaintCountsForm(prefix="counts")
    if request.method == "POST" and "csv-file" in request.FILES:
        upload_form = ReportUploadForm(request.POST, request.FILES, prefix="csv")
        if upload_form.is_valid() and isinstance(upload_form.cleaned_data["file"], LargeUpload):
            # Too many rows to check in a request (issue 18): a task does it.
            large = upload_form.cleaned_data["file"]
            job = report_import_start(
                initiative=initiative,
                actor=request.user,
                text=large.text,
                rows=large.rows,
                language=get_language(),
            )
            return redirect("assistance:report-import", slug=initiative.slug, pk=job.pk)
        if upload_form.is_valid():
            try:
                saved = services.reports_import(
                    initiative=initiative, actor=request.user, rows=upload_form.cleaned_data["file"]
                )
                if saved or not saved.unchanged:
                    messages.success(
                        request,
                        _(
                            "%(n)s periods were received; staff will verify them before they "
                            "are published."
                        )
                        % {"n": len(saved)},
                    )
                if saved.unchanged:
                    messages.info(request, _unchanged_text(saved.unchanged))
                return redirect(initiative)
            except ValidationError as error:
                upload_form.add_error("file", _error_text(error))
        status = 400
    elif request.method == "POST":
        form = ReportForm(request.POST, prefix="report")
        counts_form = ComplaintCountsForm(request.POST, prefix="counts")
        if (
            form.is_valid()
            and counts_form.is_valid()
            and counts_form.check_against(form.cleaned_data["complaints_received"])
        ):
            try:
                report = services.report_submit(
                    initiative=initiative,
                    actor=request.user,
                    data={**form.cleaned_data, "counts": counts_form.counts()},
                )
                if report.status == EnforcementReport.Status.VERIFIED:
                    messages.info(request, _unchanged_text(1))
                else:
                    messages.success(
                        request,
                        _("Received: staff will verify the figures before they are published."),
                    )
                return redirect(initiative)
            except ValidationError as error:
                form.add_error(None, _error_text(error))
        status = 400
    return render(
        request,
        "assistance/report_form.html",
        {
            "initiative": initiative,
            "form": form,
            "upload_form": upload_form,
            "counts_form": counts_form,
        },
        status=status,
    )


@staff_required
def report_queue(request):
    reports = figures.with_counts(
        EnforcementReport.objects.filter(status=EnforcementReport.Status.SUBMITTED)
        .select_related("initiative", "submitted_by__profile")
        .order_by("submitted_at")
    )
    return render(
        request,
        "assistance/report_queue.html",
        {"reports": [(r, ReportVerifyForm(prefix=f"verify-{r.pk}")) for r in reports]},
    )


@require_POST
@staff_required
def report_verify(request, pk):
    report = get_object_or_404(EnforcementReport, pk=pk)
    form = ReportVerifyForm(request.POST, prefix=f"verify-{pk}")
    if form.is_valid():
        try:
            services.report_verify(
                report=report,
                actor=request.user,
                accept=form.cleaned_data["accept"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Done: %(period)s.") % {"period": report.period_label})
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("assistance:report-queue")


# Framework versions (staff, from the Wagtail admin) ----------------------------------------


def _framework_confirm(request, version, action):
    """Wagtail's listing links here (GET): ask before acting on a POST."""
    return render(
        request,
        "assistance/framework_confirm.html",
        {"version": version, "criteria": list(version.criteria.all()), "action": action},
    )


@staff_required
def framework_publish(request, pk):
    version = get_object_or_404(FrameworkVersion, pk=pk)
    if request.method != "POST":
        return _framework_confirm(request, version, "publish")
    try:
        services.framework_version_publish(version=version, actor=request.user)
        messages.success(request, _("Version %(n)s is published.") % {"n": version.number})
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("assistance_frameworks:index")


@staff_required
def framework_copy(request, pk):
    source = get_object_or_404(FrameworkVersion, pk=pk)
    if request.method != "POST":
        return _framework_confirm(request, source, "copy")
    draft = services.framework_version_draft(source=source)
    messages.success(
        request,
        _("Version %(n)s is a draft copy: edit its criteria, then publish it.")
        % {"n": draft.number},
    )
    return redirect("assistance_frameworks:edit", draft.pk)
