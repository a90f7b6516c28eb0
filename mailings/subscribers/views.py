"""Public signup and confirmation pages. Every valid signup gets the same answer."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Site

from .consent import client_ip, current_consent, evidence_from_request
from .forms import SignupForm
from .limits import signup_allowed
from .links import personal_links
from .signup import confirm, request_again, request_signup
from .tokens import LinkState, read_confirmation_token

TEMPLATES = "mailings/subscribers/"


def no_referrer(view):
    """Pages whose URL holds a personal token must not leak it to other sites.

    "same-origin", not "no-referrer": without a referrer the browser sends "Origin: null"
    with the page's own forms and Django's CSRF check refuses them."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@require_http_methods(["GET", "POST"])
def signup(request):
    consent = current_consent(Site.find_for_request(request))
    form = SignupForm(request.POST or None, consent_text=consent.text)
    if request.method == "POST":
        if not signup_allowed(client_ip(request)):
            return redirect("subscribers:thanks")
        if form.is_valid():
            handle_signup(request, form, consent)
            return redirect("subscribers:thanks")
    return render(request, TEMPLATES + "signup.html", {"form": form, "consent": consent})


def handle_signup(request, form, consent):
    if form.is_bot():
        return
    data = form.cleaned_data
    evidence = evidence_from_request(request, page_url=data["page_url"], consent=consent)
    request_signup(data["email"], data["name"], list(data["newsletters"]), evidence)


@require_GET
def thanks(request):
    return render(
        request, TEMPLATES + "thanks.html", {"valid_hours": settings.SUBSCRIBERS_CONFIRM_HOURS}
    )


@never_cache
@no_referrer
@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    """GET only shows the button: mail scanners that open links must not confirm."""
    state, event = read_confirmation_token(token)
    if state is LinkState.VALID and request.method == "POST":
        evidence = evidence_from_request(request, page_url=settings.BASE_URL + request.path)
        if confirm(event, evidence):
            return confirmed_page(request, event)
        state = LinkState.USED
    if state is LinkState.VALID:
        return render(request, TEMPLATES + "confirm.html", {"event": event})
    return link_problem(request, state, token)


def confirmed_page(request, event):
    subscription = event.subscriber.subscriptions.select_related("newsletter").first()
    links = personal_links(event.subscriber, subscription.newsletter) if subscription else {}
    return render(request, TEMPLATES + "confirmed.html", {"links": links})


def link_problem(request, state, token=None):
    status = 404 if state is LinkState.INVALID else 200
    context = {"state": state.value, "token": token}
    return render(request, TEMPLATES + "link_problem.html", context, status=status)


@never_cache
@no_referrer
@require_POST
def resend(request, token):
    state, event = read_confirmation_token(token)
    if event is None:
        return link_problem(request, LinkState.INVALID)
    if state is not LinkState.VALID:
        request_again(event, evidence_from_request(request))
    return render(request, TEMPLATES + "resent.html")
