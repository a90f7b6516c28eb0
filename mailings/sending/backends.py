"""Sending backends. Each takes a list of OutgoingMessage and returns how many it sent."""

import email
from email.generator import BytesGenerator
from email.message import Message
from io import BytesIO

from django.core.mail import EmailMessage, get_connection


class BaseSendingBackend:
    def send_messages(self, messages):
        raise NotImplementedError


class RawMessage(Message):
    """A parsed prebuilt message that Django's mail backends can serialise again."""

    def as_bytes(self, unixfrom=False, linesep="\n"):
        buffer = BytesIO()
        BytesGenerator(buffer, mangle_from_=False, maxheaderlen=0).flatten(
            self, unixfrom=unixfrom, linesep=linesep
        )
        return buffer.getvalue()


class RawEmailMessage(EmailMessage):
    """An EmailMessage whose MIME was built elsewhere; Django's backends only transport it."""

    def __init__(self, outgoing, connection=None):
        super().__init__(subject=outgoing.subject, from_email=outgoing.sender,
                         to=outgoing.recipients, connection=connection)
        self.raw = outgoing.raw

    def message(self, *args, **kwargs):
        return email.message_from_bytes(self.raw, _class=RawMessage)


class DjangoMailBackend(BaseSendingBackend):
    """Sends through Django's EMAIL_BACKEND (SMTP, file or locmem); SES follows later."""

    def send_messages(self, messages):
        connection = get_connection()
        return connection.send_messages([RawEmailMessage(m, connection) for m in messages]) or 0


class InMemoryBackend(BaseSendingBackend):
    """A test double: keeps every message in a list shared by all instances."""

    outbox = []

    @classmethod
    def reset(cls):
        cls.outbox.clear()

    def send_messages(self, messages):
        self.outbox.extend(messages)
        return len(messages)
