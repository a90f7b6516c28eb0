"""What every sending backend promises: prebuilt messages in, one SendResult per message out.

The outcome tells the worker what to do with the delivery; no backend retries on its own,
because only the worker knows whether a second attempt could mail someone twice.
"""

from dataclasses import dataclass, field

from django.db import models


class Outcome(models.TextChoices):
    ACCEPTED = "accepted"  # the provider took it; provider_id says under which id
    RETRY = "retry"  # nothing left the building or the provider refused for now: try again
    REJECTED = "rejected"  # permanent: this message will never be accepted
    UNKNOWN = "unknown"  # the request left and no answer came: it may have been sent


@dataclass(frozen=True)
class OutgoingMessage:
    sender: str
    recipients: list = field(default_factory=list)
    raw: bytes = b""
    message_id: str = ""
    subject: str = ""
    # Carried to the provider (SES EmailTags) so its events can be matched to our rows.
    tags: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SendResult:
    outcome: Outcome
    provider_id: str = ""
    error: str = ""
    throttled: bool = False  # a RETRY because the provider's rate was exceeded

    @property
    def accepted(self):
        return self.outcome == Outcome.ACCEPTED


@dataclass(frozen=True)
class Quota:
    """The provider's limits; None where it has none (or does not say)."""

    max_send_rate: float | None = None
    max_24_hour_send: int | None = None
    sent_last_24_hours: int = 0

    @property
    def headroom_24h(self):
        if self.max_24_hour_send is None:
            return None
        return max(0, self.max_24_hour_send - self.sent_last_24_hours)


class BaseSendingBackend:
    # How many messages one worker process may have in flight at once with this backend.
    concurrency = 1

    def send_messages(self, messages):
        """One SendResult per message, in order."""
        raise NotImplementedError

    def quota(self):
        """The provider's Quota, or None if it cannot be asked."""
        return None

    def close(self):
        """Release connections; the backend may be used again afterwards."""
