"""A person with a row in every model that points at the user model (issue 16): records are
made with the apps' builders, then one row of each relation is pointed at the person."""

from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from assistance.models import CaseFile, CaseTask, TimelineEntry
from coordination.models import (
    CalendarToken,
    Effort,
    EffortFollow,
    EffortTarget,
    FeedVisit,
    GroupMembership,
    Post,
    Proposal,
    ProposalOption,
    Thread,
    Vote,
)
from notifications.models import Delivery, DigestSchedule, Notification, Preference
from promotion.models import PlannedPublication, SpeakerRequest, Subscriber
from repository.models import Contribution, Registration, ResourceAuthor, SavedResource
from tests.assistance import registry
from tests.assistance.factories import case
from tests.coordination.builders import one_of_each
from tests.coordination.builders import people as coordination_people
from tests.repository.factories import repository_index, resource
from tests.repository.test_events import make_event
from wsr.companies.models import Company
from wsr.members.models import Membership
from wsr.members.personal_data import PERSONAL_DATA_EXCLUDED, is_history_model, user_relations
from wsr.members.services import profile_ensure

from .factories import TOTP_SECRET, AffiliationFactory, InvitationFactory, UserFactory


def _world(site_tree, busy):
    """Records of every kind, made by other people."""
    p = coordination_people()
    one_of_each(p)
    effort = Effort.objects.first()
    company = Company.objects.create(name="Harvest Foods")
    EffortTarget.objects.create(effort=effort, company=company, added_by=p["staff"])
    EffortFollow.objects.create(effort=effort, user=p["member"])
    thread = Thread.objects.create(group=p["group"], title="Plans", author=p["in_group"])
    Post.objects.create(thread=thread, author=p["in_group"], body="Hello", body_html="Hello")
    proposal = Proposal.objects.create(
        group=p["group"],
        title="Adopt the plan",
        text="Shall we?",
        closes_at=timezone.now() + timedelta(days=3),
        created_by=p["in_group"],
        outcome_recorded_by=p["staff"],
    )
    option = ProposalOption.objects.create(proposal=proposal, label="Yes")
    Vote.objects.create(proposal=proposal, option=option, voter=p["in_group"])
    from coordination.models import Meeting

    Meeting.objects.first().attendees.add(busy)
    from coordination.models import GroupInvitation, JoinRequest  # issue 20

    GroupInvitation.objects.create(group=p["group"], invitee=p["member"], invited_by=p["staff"])
    JoinRequest.objects.create(group=p["group"], user=p["member"], decided_by=p["staff"])
    from coordination.models import CalendarItem, MeetingResponse, Opportunity  # issue 20

    Meeting.objects.filter(pk=Meeting.objects.first().pk).update(created_by=p["in_group"])
    MeetingResponse.objects.create(
        meeting=Meeting.objects.first(), user=p["in_group"], answer="yes"
    )
    CalendarItem.objects.filter(pk=CalendarItem.objects.first().pk).update(
        proposed_by=p["member"], reviewed_by=p["staff"], reviewed_at=timezone.now()
    )
    Opportunity.objects.filter(pk=Opportunity.objects.first().pk).update(
        reviewed_by=p["staff"], reviewed_at=timezone.now()
    )

    cast = registry.cast()
    published = registry.assessment_at("published", cast)
    from assistance.models import CriterionResponse, CriterionResponseFile

    response = CriterionResponse.objects.create(
        assessment=published,
        criterion=published.version.criteria.first(),
        text="Our response on this criterion.",
        organization=cast["organization"],
        author=cast["lead"],
    )
    CriterionResponseFile.objects.create(
        response=response,
        file="responses/file.pdf",
        original_name="file.pdf",
        content_type="application/pdf",
        size=3,
        uploaded_by=cast["lead"],
    )
    registry.verified_figures(cast, 2024)
    from assistance.models import Initiative, ReportImport

    ReportImport.objects.create(
        initiative=Initiative.objects.first(), created_by=cast["staff"], language="en"
    )
    the_case = case()
    entry = TimelineEntry.objects.create(case=the_case, kind="note", author=cast["staff"])
    CaseFile.objects.create(
        case=the_case,
        entry=entry,
        file="case/file.pdf",
        original_name="file.pdf",
        content_type="application/pdf",
        size=3,
        uploaded_by=cast["staff"],
    )
    CaseTask.objects.create(
        case=the_case,
        title="Call back",
        owner=cast["staff"],
        created_by=cast["staff"],
        due_on=timezone.localdate(),
    )
    from assistance.models import CaseLink, TimelineRedaction, TimelineRevision  # issue 19

    TimelineRevision.objects.create(entry=entry, body="Earlier", edited_by=cast["staff"])
    redacted = TimelineEntry.objects.create(case=the_case, kind="note", author=cast["staff"])
    TimelineRedaction.objects.create(entry=redacted, redacted_by=cast["staff"], reason="Mistake")
    CaseLink.objects.create(
        from_case=the_case, to_case=case(), kind="related", created_by=cast["staff"]
    )
    from assistance.models import InboundMessage  # issue 19: email received for a case

    InboundMessage.objects.create(
        message_id="<busy-1@example.org>",
        case=the_case,
        sender=cast["staff"].email,
        sender_user=cast["staff"],
        body="A reply",
        status="released",
        decided_by=cast["staff"],
    )
    from assistance.models import ResponseTarget  # issue 19: service levels

    ResponseTarget.objects.create(
        case=the_case,
        kind="first",
        started_at=timezone.now(),
        due_at=timezone.now(),
        warn_at=timezone.now(),
        met_at=timezone.now(),
        responder=cast["staff"],
        lead=cast["staff"],
    )
    from assistance.models import SavedQueueView  # issue 19: the queue's saved views

    SavedQueueView.objects.create(user=cast["staff"], name="Mine", query="kind=complaints")
    from assistance.services import access_record, expert_invite

    expert_invite(case=the_case, actor=cast["staff"], expert=cast["expert"])
    access_record(
        user=cast["staff"], view_name="assistance:case-detail", kind="case", case=the_case
    )

    index = repository_index(site_tree["en"])
    page = resource(index, "Complaint toolkit")
    ResourceAuthor.objects.create(page=page, person=p["member"])
    SavedResource.objects.create(user=p["member"], resource=page)
    Contribution.objects.create(page=page, contributor=p["member"])
    event = make_event(site_tree["en"])
    Registration.objects.create(event=event, user=p["member"], status="registered")

    Notification.objects.create(
        recipient=p["member"], kind="effort_overlap", template="x", created_at=timezone.now()
    )
    Preference.objects.create(user=p["member"], kind="effort_overlap", mode="off")
    Delivery.objects.create(recipient="x", user=p["member"], kind="daily", period="2024-01-01")
    SpeakerRequest.objects.create(
        organization="Union",
        contact_name="Busy",
        email=busy.email,
        event="Assembly",
        event_date=timezone.localdate(),
        audience="workers",
        topic="Rights",
        replied_by=p["staff"],
    )
    PlannedPublication.objects.create(
        title="Report", planned_on=timezone.localdate(), owner=p["staff"]
    )
    from wsr.companies.models import CompanyResponse, ResponseRequest  # issue 20

    response_request = ResponseRequest.objects.create(
        company=company,
        subject="critique",
        title="Respond to our critique",
        text="Why no enforcement?",
        deadline=timezone.now(),
        sent_at=timezone.now(),
        sent_by=p["staff"],
    )
    CompanyResponse.objects.create(
        request=response_request,
        responder_name="Pat",
        text="We disagree.",
        submitted_at=timezone.now(),
        withdrawn_at=timezone.now(),
        withdrawn_by=p["staff"],
        withdrawn_reason="Unlawful",
    )
    from coordination.models import (  # issue 20: conversations
        Block,
        Conversation,
        ConversationParticipant,
        Message,
        Report,
    )

    conversation = Conversation.objects.create(kind="direct", started_by=p["member"])
    ConversationParticipant.objects.create(conversation=conversation, user=p["member"])
    message = Message.objects.create(
        conversation=conversation, author=p["member"], body="Hi", body_html="<p>Hi</p>"
    )
    Report.objects.create(
        message=message, reporter=p["owner"], reason="Rude", handled_by=p["staff"]
    )
    Message.objects.create(  # a reported message staff removed (issue 20 review)
        conversation=conversation,
        author=p["member"],
        body="",
        body_html="",
        removed_at=timezone.now(),
        removed_by=p["staff"],
    )
    Block.objects.create(blocker=busy, blocked=p["member"])
    Block.objects.create(blocker=p["member"], blocked=busy)
    from coordination.models import Comment  # issue 20: comments and results
    from coordination.models.results import Result, ResultUpdate

    Comment.objects.create(
        proposal=proposal, author=p["in_group"], body="Agreed", body_html="<p>Agreed</p>"
    )
    result = Result.objects.create(
        proposal=proposal, title="Do it", owner=p["in_group"], created_by=p["staff"]
    )
    ResultUpdate.objects.create(result=result, author=p["in_group"], text="Begun", text_html="")


def busy_person(site_tree):
    """A person with a row in each relation to the user model (exclusions aside); returns
    the person and the relations that were pointed at them."""
    busy = UserFactory()
    _world(site_tree, busy)
    affiliation = AffiliationFactory(user=busy, role="admin")
    organization = affiliation.organization
    AffiliationFactory(organization=organization, role="admin")  # not the only admin
    profile_ensure(user=busy)
    TOTP.activate(busy, TOTP_SECRET)
    InvitationFactory(organization=organization, invited_by=busy)
    accepted = InvitationFactory(organization=organization)
    accepted.accepted_by, accepted.accepted_at = busy, timezone.now()
    accepted.save()
    Membership.objects.filter(organization=organization).update(applied_by=busy, decided_by=busy)
    organization.pending_name, organization.pending_name_requested_by = "Renamed", busy
    organization.save()
    CalendarToken.objects.create(user=busy)
    FeedVisit.objects.create(user=busy, seen_at=timezone.now())
    DigestSchedule.objects.create(user=busy)
    GroupMembership.objects.create(group=Thread.objects.first().group, user=busy)
    Subscriber.objects.create(email=busy.email)
    from wsr.api.tokens import token_create  # issue 21: personal API tokens

    token_create(user=busy, name="Notebook")

    for key, model, name in user_relations():
        if key in PERSONAL_DATA_EXCLUDED or is_history_model(model) or model is type(busy):
            continue
        field = model._meta.get_field(name)
        if field.many_to_many:
            assert model.objects.filter(**{name: busy}).exists(), f"{key}: add a row"
            continue
        if model._default_manager.filter(**{name: busy}).exists():
            continue
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"{key}: the busy person's world has no row of this model"
        model._default_manager.filter(pk=row.pk).update(**{name: busy})
    return busy
