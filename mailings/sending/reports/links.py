"""Links between the report screens and the send screens (mailings/sending/admin/)."""

from django.urls import NoReverseMatch, reverse

HISTORY_NAMESPACE = "newsletter_sends"
# The send screens' live progress page, if they offer one.
PROGRESS_URL_NAME = "sending_admin:progress"


def history_url():
    return reverse(HISTORY_NAMESPACE + ":index")


def report_url(send):
    return reverse(HISTORY_NAMESPACE + ":report", args=[send.pk])


def deliveries_csv_url(send):
    return reverse(HISTORY_NAMESPACE + ":deliveries_csv", args=[send.pk])


def progress_url(send):
    try:
        return reverse(PROGRESS_URL_NAME, args=[send.pk])
    except NoReverseMatch:
        return None
