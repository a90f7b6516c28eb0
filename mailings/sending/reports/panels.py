"""Dashboard panels for newsletter managers: subscribers, growth, the last and the next send.

Each panel costs one or two queries. Only the group "Newsletter managers" (and superusers)
gets them (hooks.py): the counts describe people, which editors outside the role never see.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from mailings.subscribers.models import Newsletter, SubscriptionStatus

from ..models import Send
from ..states import OPEN_DELIVERY_STATES, SendState
from ..status import state_counts
from .charts import growth_chart
from .growth import weekly_growth
from .links import progress_url, report_url

TEMPLATES = "mailings/sending/reports/panels/"
SUBSCRIBERS_URL = "newsletter_subscribers:index"


def subscription_counts():
    """Every newsletter with its subscribed and pending count, in one query."""

    def count(status):
        return Count("subscriptions", filter=Q(subscriptions__status=status))

    return Newsletter.objects.annotate(
        subscribed=count(SubscriptionStatus.SUBSCRIBED), pending=count(SubscriptionStatus.PENDING)
    )


class SubscribersPanel(Component):
    order = 40
    template_name = TEMPLATES + "subscribers.html"

    def get_context_data(self, parent_context=None):
        return {"newsletters": subscription_counts(), "list_url": reverse(SUBSCRIBERS_URL)}


class GrowthPanel(Component):
    order = 41
    template_name = TEMPLATES + "growth.html"

    def get_context_data(self, parent_context=None):
        weeks = weekly_growth()
        totals = {
            key: sum(getattr(week, key) for week in weeks)
            for key in ("signups", "unsubscribes", "bounces", "complaints", "net")
        }
        return {"weeks": weeks, "chart": growth_chart(weeks), "totals": totals}


def progress(send):
    """How far a send got: handled = no longer waiting for a worker (sent, failed, skipped,
    uncertain), of all its recipients."""
    if send.state in (SendState.SCHEDULED, SendState.OVERDUE):  # nothing frozen yet
        return {"handled": 0, "total": send.total, "percent": 0}
    counts = state_counts(send.pk)
    total = send.total or sum(counts.values())
    handled = total - sum(counts[state] for state in OPEN_DELIVERY_STATES)
    return {
        "handled": handled,
        "total": total,
        "percent": round(100 * handled / total) if total else 100,
    }


def send_summary(send, title):
    if send is None:
        return {"title": title, "send": None}
    return {
        "title": title,
        "send": send,
        "progress": progress(send),
        "report_url": report_url(send),
        "progress_url": progress_url(send),
    }


class SendsPanel(Component):
    order = 42
    template_name = TEMPLATES + "sends.html"

    def get_context_data(self, parent_context=None):
        sends = Send.objects.select_related("issue", "newsletter")
        last = sends.exclude(started_at=None).order_by("-started_at", "-pk").first()
        upcoming = (
            sends.filter(state__in=[SendState.SCHEDULED, SendState.OVERDUE])
            .order_by("scheduled_for", "pk")
            .first()
        )
        return {
            "summaries": [
                send_summary(last, _("Letzter Versand")),
                send_summary(upcoming, _("Nächster Versand")),
            ]
        }


def manager_panels():
    return [SubscribersPanel(), GrowthPanel(), SendsPanel()]
