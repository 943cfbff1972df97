from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wsr.site import ratelimits
from wsr.site.access import object_view, public, token_view

from .. import selectors, services
from ..forms import NewsletterForm, SpeakerRequestForm
from ..models import Author, PublicationPage, Subscriber, Talk


@object_view
def author(request, slug):
    person = get_object_or_404(Author.objects.select_related("organization"), slug=slug)
    return render(
        request, "promotion/author.html", {"author": person, **selectors.author_works(person)}
    )


@public
def talks(request):
    from ..structured_data import events

    now = timezone.now()
    public = Talk.objects.public().prefetch_related("speakers").select_related("slides")
    upcoming = list(public.filter(starts_at__gte=now).order_by("starts_at"))
    past = list(public.filter(starts_at__lt=now).order_by("-starts_at")[:30])
    return render(
        request,
        "promotion/talks.html",
        {
            "sections": [(_("Upcoming"), upcoming), (_("Past"), past)],
            "events_ld": events(upcoming),
        },
    )


@public
def speaker_request(request):
    form = SpeakerRequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam():  # look like success to the bot, keep nothing
            return redirect("promotion:speaker-request-done")
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            email = data["email"]
            if not ratelimits.is_within_limit(request, action="speaker_request", email=email):
                messages.error(request, ratelimits.limited_message())
                return render(request, "promotion/speaker_request.html", {"form": form}, status=429)
            services.speaker_request_submit(data=data, language=request.LANGUAGE_CODE)
            ratelimits.count_accepted(request, action="speaker_request", email=email)
            return redirect("promotion:speaker-request-done")
    return render(
        request,
        "promotion/speaker_request.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@public
def speaker_request_done(request):
    return render(request, "promotion/speaker_request_done.html")


# No CSRF token: the form sits on cached public pages. A forged signup only triggers a
# confirmation email (double opt-in), behind a honeypot and a rate limit.
@public
@csrf_exempt
@require_POST
def newsletter_signup(request):
    form = NewsletterForm(request.POST)
    if form.data.get("website"):
        return render(request, "promotion/newsletter_pending.html")
    if not form.is_valid():
        return render(request, "promotion/newsletter_form.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if not ratelimits.is_within_limit(request, action="newsletter_signup", email=email):
        messages.error(request, ratelimits.limited_message())
        return render(request, "promotion/newsletter_form.html", {"form": form}, status=429)
    services.subscriber_signup(email=email, language=request.LANGUAGE_CODE)
    ratelimits.count_accepted(request, action="newsletter_signup", email=email)
    return render(request, "promotion/newsletter_pending.html")


@token_view
def newsletter_confirm(request, token):
    subscriber = services.subscriber_confirm(token=token)
    if subscriber is None:
        raise Http404
    return render(request, "promotion/newsletter_confirmed.html", {"subscriber": subscriber})


@token_view
@csrf_exempt  # RFC 8058: mail clients POST the one-click unsubscribe without a token
def newsletter_unsubscribe(request, token):
    """One click from an email: a GET shows the button, a POST (RFC 8058) unsubscribes."""
    if request.method == "POST":
        subscriber = services.subscriber_unsubscribe(token=token)
        if subscriber is None:
            raise Http404
        return render(request, "promotion/newsletter_unsubscribed.html")
    get_object_or_404(Subscriber, token=token)
    return render(request, "promotion/newsletter_unsubscribe.html", {"token": token})


def _publication(pk) -> PublicationPage:
    return get_object_or_404(PublicationPage.objects.readable(), pk=pk)


@object_view
def publication_download(request, pk):
    page = _publication(pk)
    if page.document is None:
        raise Http404
    services.publication_downloaded(page=page)
    return redirect(page.document.url)


def _authors(page) -> list[str]:
    return [link.author.name for link in page.authors.select_related("author").all()]


@object_view
def citation(request, pk, fmt):
    page = _publication(pk)
    authors = _authors(page) or [page.publisher]
    year = page.published_on.year
    url = page.full_url or ""
    if fmt == "bib":
        key = f"wsr{year}{page.slug.replace('-', '')[:20]}"
        fields = [
            f"  title = {{{page.title}}}",
            f"  author = {{{' and '.join(authors)}}}",
            f"  institution = {{{page.publisher}}}",
            f"  year = {{{year}}}",
            f"  url = {{{url}}}",
        ]
        if page.doi:
            fields.append(f"  doi = {{{page.doi}}}")
        if page.isbn:
            fields.append(f"  isbn = {{{page.isbn}}}")
        body = "@techreport{" + key + ",\n" + ",\n".join(fields) + "\n}\n"
        content_type, extension = "application/x-bibtex; charset=utf-8", "bib"
    else:
        lines = ["TY  - RPRT", f"TI  - {page.title}"]
        lines += [f"AU  - {name}" for name in authors]
        lines += [f"PY  - {year}", f"PB  - {page.publisher}", f"UR  - {url}"]
        if page.doi:
            lines.append(f"DO  - {page.doi}")
        if page.isbn:
            lines.append(f"SN  - {page.isbn}")
        lines.append("ER  - ")
        body = "\r\n".join(lines) + "\r\n"
        content_type, extension = "application/x-research-info-systems; charset=utf-8", "ris"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.{extension}"'
    return response
