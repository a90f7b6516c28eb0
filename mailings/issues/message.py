"""The message one subscriber gets for one issue.

MessageFactory renders the issue once and keeps the headers that are the same for everybody;
build() adds the personal parts: To, Date, Message-ID, the personal links in the text and the
List-Unsubscribe headers (RFC 2369 / RFC 8058).
"""

import secrets
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, formatdate, make_msgid
from urllib.parse import urlsplit

from django.conf import settings

from cms.core.validators import single_line
from mailings.sending.backends import OutgoingMessage
from mailings.subscribers.links import list_unsubscribe_headers, personal_links
from mailings.subscribers.models import Subscriber

from .mime import CRLF, EncodedBody, alternative
from .rendering import load_site_settings, personalise, render_issue


def encode_header(name, value):
    # A line break would start a header of its own (a Bcc, say): stored values are cleaned.
    value = single_line(value)
    if value.isascii():
        return f"{name}: {value}"
    return f"{name}: " + Header(value, "utf-8", header_name=name).encode(linesep="\r\n")


def address(name, email):
    return formataddr((single_line(name), single_line(email)), charset="utf-8")


def list_id(newsletter, domain):
    value = single_line(newsletter.list_id(domain))
    if value.isascii():
        return value
    return address(newsletter.name, f"{newsletter.slug}.{domain}")


def example_subscriber(email="leserin@example.org"):
    """A subscriber that is never saved: its links are valid in form but belong to nobody."""
    return Subscriber(email=email)


@dataclass(frozen=True)
class Sender:
    """Who a newsletter mail comes from; frozen on a send so edits during it change nothing."""

    name: str
    email: str
    reply_to: str = ""

    @classmethod
    def from_site_settings(cls, site_settings):
        return cls(
            name=site_settings.newsletter_sender_name or site_settings.organisation_name,
            email=site_settings.newsletter_sender_email or settings.DEFAULT_FROM_EMAIL,
            reply_to=site_settings.newsletter_reply_to,
        )


class MessageFactory:
    def __init__(self, issue, subject_prefix="", rendered=None, sender=None, subject=None):
        self.issue = issue
        self.rendered = rendered or render_issue(issue)
        self.text = EncodedBody(self.rendered.text, is_html=False)
        self.html = EncodedBody(self.rendered.html, is_html=True)
        self.subject = single_line(subject_prefix + (subject or issue.subject or issue.title))
        self.boundary = "==pp_" + secrets.token_hex(12)
        self.set_sender(sender or Sender.from_site_settings(load_site_settings()))
        self.common_headers = self.build_common_headers()

    def set_sender(self, sender):
        self.sender_email = sender.email
        self.sender = address(sender.name, self.sender_email)
        self.reply_to = sender.reply_to
        self.domain = self.sender_email.rpartition("@")[2]

    def build_common_headers(self):
        site_domain = urlsplit(settings.BASE_URL).hostname or self.domain
        lines = [
            encode_header("From", self.sender),
            encode_header("Subject", self.subject),
            "List-Id: " + list_id(self.issue.newsletter, site_domain),
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"',
        ]
        if self.reply_to:
            lines.insert(1, encode_header("Reply-To", self.reply_to))
        return "\r\n".join(lines).encode("utf-8")

    def build(self, subscriber, links=None, tags=None):
        links = links or personal_links(subscriber, self.issue.newsletter)
        message_id = make_msgid(domain=self.domain)
        body = alternative(self.boundary, self.text.encode(links), self.html.encode(links))
        raw = b"".join(
            [
                self.personal_headers(subscriber, links, message_id),
                CRLF,
                self.common_headers,
                CRLF,
                CRLF,
                body,
            ]
        )
        return OutgoingMessage(
            sender=self.sender_email,
            recipients=[subscriber.email],
            raw=raw,
            message_id=message_id,
            subject=self.subject,
            tags=tags or {},
        )

    def personal_headers(self, subscriber, links, message_id):
        unsubscribe = list_unsubscribe_headers(links)
        lines = [
            encode_header("To", address(subscriber.name, subscriber.email)),
            f"Date: {formatdate(localtime=True)}",
            f"Message-ID: {message_id}",
            "List-Unsubscribe: " + unsubscribe["List-Unsubscribe"].replace(", ", ",\r\n "),
            "List-Unsubscribe-Post: " + unsubscribe["List-Unsubscribe-Post"],
        ]
        return "\r\n".join(lines).encode("utf-8")


def build_message(issue, subscriber, subject_prefix=""):
    """The one function for (issue, subscriber); use MessageFactory directly for many."""
    return MessageFactory(issue, subject_prefix).build(subscriber)


def sample_personalisation(issue, content):
    """Tokens replaced by the links of an example reader that belongs to nobody (previews)."""
    return personalise(content, personal_links(example_subscriber(), issue.newsletter))
