"""The complaint-rate guard of a running send.

Gmail asks senders to stay below 0.1 % complaints and throttles them at 0.3 %; Yahoo draws the
line at 0.3 % too. A send whose rate (complaints / deliveries SES accepted) passes 0.1 % tells
staff once; at 0.3 % it pauses itself, because every further mail makes the rate of the whole
domain worse.
"""

import logging

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mailings.sending.actions import pause_send
from mailings.sending.models import Send
from mailings.sending.notify import tell_staff
from mailings.sending.states import DeliveryState, SendState

from .models import EventType, FeedbackEvent

logger = logging.getLogger(__name__)

WARN_ABOVE = 0.001
PAUSE_AT = 0.003
WARNED = "complaints"  # the notify event name, also kept in Send.staff_notified


def check_complaint_rate(send_id):
    """Call inside the transaction that recorded a complaint for this send."""
    send = Send.objects.select_for_update().filter(pk=send_id, state=SendState.SENDING).first()
    if send is None:
        return
    rate = complaint_rate(send)
    if rate >= PAUSE_AT:
        logger.warning("Versand %s: Beschwerdequote %.3f %%, wird angehalten", send.pk, rate * 100)
        pause_send(send, pause_reason(rate))
    elif rate > WARN_ABOVE and WARNED not in send.staff_notified:
        send.staff_notified = [*send.staff_notified, WARNED]
        send.save(update_fields=["staff_notified"])
        tell_staff(send, WARNED)


def complaint_rate(send):
    complaints = (
        FeedbackEvent.objects.filter(send=send, event_type=EventType.COMPLAINT)
        .values("delivery_id")
        .distinct()
        .count()
    )
    accepted = send.deliveries.filter(state=DeliveryState.SENT).count()
    return complaints / max(accepted, 1)


def percent(rate):
    return number_format(rate * 100, decimal_pos=2)


def pause_reason(rate):
    return _(
        "Beschwerdequote %(rate)s %% erreicht die Grenze von %(limit)s %%: Versand "
        "automatisch angehalten."
    ) % {"rate": percent(rate), "limit": percent(PAUSE_AT)}
