from django import template
from wagtail.models import Site

from ..consent import current_consent
from ..forms import SignupForm

register = template.Library()


@register.inclusion_tag("mailings/subscribers/_signup_form.html", takes_context=True)
def newsletter_signup_form(context, compact=True):
    """The compact signup form for the footer of every page; it posts to the signup page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    consent = current_consent(site)
    form = SignupForm(consent_text=consent.text, auto_id="footer-%s")
    page_url = request.build_absolute_uri() if request else ""
    return {
        "form": form,
        "consent": consent,
        "compact": compact,
        "page_url": page_url,
        "csrf_token": context.get("csrf_token"),
    }
