"""Absolute links for mails and the web version, with optional UTM parameters."""

from urllib.parse import urlencode

from django.conf import settings


class Links:
    """Makes every link absolute against BASE_URL; tags our own links when a campaign is set.

    UTM parameters are off unless the editor names a campaign: we do not track readers by
    default (DSGVO), and they only ever go on links to our own site."""

    def __init__(self, campaign=""):
        self.base = settings.BASE_URL
        self.campaign = campaign

    def page(self, page):
        url = page.get_url() if page is not None else None
        return self.url(url) if url else ""

    def url(self, url):
        if url.startswith("/"):
            url = self.base + url
        return self.tag(url)

    def tag(self, url):
        if not self.campaign or not url.startswith(self.base + "/"):
            return url
        params = {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": self.campaign}
        separator = "&" if "?" in url else "?"
        return f"{url}{separator}{urlencode(params)}"
