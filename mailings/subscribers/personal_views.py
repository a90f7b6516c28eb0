"""Pages behind the personal link: preferences, my data, erase, unsubscribe, one-click."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from . import actions
from .consent import current_consent, evidence_from_request
from .forms import PreferencesForm
from .links import send_id_from_token, subscriber_from_token
from .models import Newsletter
from .views import TEMPLATES, no_referrer


def personal(view):
    """Resolve the token to its subscriber, or answer 404 for forged and revoked links."""

    def wrapped(request, token, **kwargs):
        subscriber = subscriber_from_token(token)
        if subscriber is None:
            return render(
                request, TEMPLATES + "link_problem.html", {"state": "invalid"}, status=404
            )
        return view(request, subscriber, token=token, **kwargs)

    return never_cache(no_referrer(wrapped))


def initial_preferences(subscriber):
    return {
        "name": subscriber.name,
        "newsletters": list(
            subscriber.subscriptions.filter(status__in=actions.ACTIVE).values_list(
                "newsletter_id", flat=True
            )
        ),
        "topics": list(subscriber.topics.values_list("pk", flat=True)),
        "countries": list(subscriber.countries.values_list("pk", flat=True)),
    }


@require_http_methods(["GET", "POST"])
@personal
def preferences(request, subscriber, token):
    form = PreferencesForm(request.POST or None, initial=initial_preferences(subscriber))
    consent = current_consent(Site.find_for_request(request))
    if request.method == "POST" and form.is_valid():
        evidence = evidence_from_request(
            request, consent=consent, page_url=request.build_absolute_uri(request.path)
        )
        actions.update_preferences(subscriber, form.cleaned_data, evidence)
        response = redirect(request.path + "?gespeichert=1")
        response.status_code = 303  # "see other": reloading must not post again
        return response
    context = {
        "form": form,
        "subscriber": subscriber,
        "token": token,
        "consent": consent,
        "saved": "gespeichert" in request.GET,
    }
    return render(request, TEMPLATES + "preferences.html", context)


@require_GET
@personal
def my_data(request, subscriber, token):
    response = JsonResponse(
        actions.personal_data(subscriber), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="meine-newsletter-daten.json"'
    return response


@require_http_methods(["GET", "POST"])
@personal
def erase(request, subscriber, token):
    if request.method == "POST":
        actions.erase(subscriber, by="subscriber")
        return render(request, TEMPLATES + "erased.html")
    return render(request, TEMPLATES + "erase.html", {"subscriber": subscriber, "token": token})


def newsletter_or_404(slug):
    return get_object_or_404(Newsletter, slug=slug)


@require_http_methods(["GET", "POST"])
@personal
def unsubscribe(request, subscriber, token, newsletter):
    """GET shows a button and changes nothing; the POST unsubscribes."""
    newsletter = newsletter_or_404(newsletter)
    if request.method == "POST":
        actions.unsubscribe(
            subscriber,
            newsletter,
            evidence_from_request(request),
            via="link",
            send_id=send_id_from_token(token),
        )
        context = {"newsletter": newsletter, "token": token}
        return render(request, TEMPLATES + "unsubscribed.html", context)
    context = {"newsletter": newsletter, "subscriber": subscriber, "token": token}
    return render(request, TEMPLATES + "unsubscribe.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@personal
def one_click(request, subscriber, token, newsletter):
    """RFC 8058: a POST from the mailbox provider, no cookies, no CSRF token, no redirect."""
    if request.method == "GET":
        return redirect("subscribers:unsubscribe", newsletter=newsletter, token=token)
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return HttpResponseBadRequest("List-Unsubscribe=One-Click erwartet.")
    try:
        newsletter = newsletter_or_404(newsletter)
    except Http404:
        return HttpResponse("Unbekannter Newsletter.", status=404, content_type="text/plain")
    actions.unsubscribe(
        subscriber,
        newsletter,
        evidence_from_request(request),
        via="one-click",
        send_id=send_id_from_token(token),
    )
    return HttpResponse("Sie sind abgemeldet.", content_type="text/plain; charset=utf-8")
