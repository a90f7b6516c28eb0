"""What the consent log records about a request: the wording shown and where it came from."""

import dataclasses
import hashlib
import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.core.models import SiteSettings

# Raise when the wording below changes; the hash in the log catches any drift as well.
CONSENT_VERSION = "2026-11-1"


@dataclasses.dataclass(frozen=True)
class ConsentText:
    text: str
    privacy_url: str

    @property
    def evidence_text(self):
        """The checkbox label exactly as shown, plus where its privacy link pointed."""
        link = self.privacy_url or "-"
        return f"{self.text}\n[{_('Link „Datenschutzerklärung“')}: {link}]"

    @property
    def digest(self):
        return hashlib.sha256(self.evidence_text.encode()).hexdigest()


def current_consent(site=None):
    """The consent wording for the signup forms, naming the organisation and privacy page."""
    site = site or Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else None
    organisation = (site_settings and site_settings.organisation_name) or _("der Absender")
    text = _(
        "Ich möchte die ausgewählten Newsletter per E-Mail erhalten und willige ein, dass "
        "%(organisation)s meine Angaben dafür speichert und verarbeitet. Ich kann diese "
        "Einwilligung jederzeit widerrufen, zum Beispiel über den Abmeldelink in jeder "
        "E-Mail. Einzelheiten stehen in der Datenschutzerklärung."
    ) % {"organisation": organisation}
    return ConsentText(text=text, privacy_url=privacy_url(site_settings))


def privacy_url(site_settings):
    page = site_settings and site_settings.privacy_page
    return settings.BASE_URL + page.url if page and page.url else ""


@dataclasses.dataclass(frozen=True)
class Evidence:
    """Where a request came from, as the consent log stores it."""

    ip: str | None = None
    user_agent: str = ""
    page_url: str = ""
    consent: ConsentText | None = None
    actor: str = ""

    def log_fields(self):
        fields = {
            "ip": self.ip,
            "user_agent": self.user_agent[:500],
            "page_url": self.page_url[:500],
        }
        if self.consent:
            fields.update(
                consent_text=self.consent.evidence_text,
                consent_version=CONSENT_VERSION,
                consent_hash=self.consent.digest,
            )
        return fields


def evidence_from_request(request, page_url="", consent=None):
    page_url = (
        own_url(request, page_url)
        or own_url(request, request.META.get("HTTP_REFERER"))
        or request.build_absolute_uri()
    )
    return Evidence(
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        page_url=page_url,
        consent=consent,
        actor=getattr(request.user, "username", "") if hasattr(request, "user") else "",
    )


def own_url(request, url):
    """The URL if it points at this site (the form's hidden page_url is client-supplied)."""
    host = urlsplit(url or "").netloc
    own_hosts = {request.get_host(), urlsplit(settings.BASE_URL).netloc}
    return url if host and host in own_hosts else ""


def client_ip(request):
    """REMOTE_ADDR, or the first address a trusted proxy forwarded for.

    X-Forwarded-For is only believed when it was added by one of settings.TRUSTED_PROXIES,
    and read from the right so a client cannot slip in an address of its own choosing.
    """
    remote = valid_ip(request.META.get("REMOTE_ADDR", ""))
    trusted = set(settings.TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        address = valid_ip(hop)
        if address is None:
            return remote
        if address not in trusted:
            return address
    return remote


def valid_ip(value):
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
