"""The two requests the endpoint makes: fetching an SNS signing certificate and confirming a
subscription. Both go only to hosts sns.py has checked; tests replace fetch()."""

import urllib.request

TIMEOUT_SECONDS = 10
MAX_BYTES = 64 * 1024  # a PEM certificate or a confirmation answer is a few KB


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """The host was checked before the request; a redirect could lead anywhere else."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def fetch(url):
    """GET an https URL whose host the caller has checked; the body as bytes."""
    opener = urllib.request.build_opener(NoRedirects)
    with opener.open(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (https, host checked)
        return response.read(MAX_BYTES)
