"""Reading a sent mail as its recipient would: from the RFC 5322 bytes that left the system.

Mail to subscribers leaves as prebuilt bytes (mailings.sending), so Django's outbox holds
PrebuiltEmailMessage objects whose body and headers live only in those bytes, and the memory
backend holds OutgoingMessages. read() takes either (or a plain Django EmailMessage).
"""

import email
import email.policy
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadMail:
    parsed: email.message.EmailMessage

    @property
    def subject(self):
        return str(self.parsed["Subject"])

    @property
    def sender(self):
        return str(self.parsed["From"])

    @property
    def to(self):
        return [address.addr_spec for address in self.parsed["To"].addresses]

    @property
    def text(self):
        return self.part("plain")

    @property
    def html(self):
        return self.part("html")

    def part(self, subtype):
        # Lines end in CRLF on the wire; a mail program shows plain lines.
        return self.parsed.get_body((subtype,)).get_content().replace("\r\n", "\n")

    def header(self, name):
        value = self.parsed[name]
        return None if value is None else str(value).strip()


def raw_bytes(message):
    raw = getattr(message, "raw", None)
    return bytes(raw) if raw else message.message().as_bytes()


def read(message):
    return ReadMail(email.message_from_bytes(raw_bytes(message), policy=email.policy.default))
