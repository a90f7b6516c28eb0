"""The issue as it was when its send started: rendered once, kept on the Send, so edits, new
revisions or changed site settings during a send change no mail."""

from mailings.issues.message import MessageFactory, Sender
from mailings.issues.rendering import RenderedIssue, load_site_settings, render_issue
from mailings.subscribers.links import PersonalLinkMaker


def freeze_render(send, issue):
    """Render the issue once and keep what every message of the send is built from."""
    rendered = render_issue(issue)
    sender = Sender.from_site_settings(load_site_settings())
    send.subject = issue.subject or issue.title
    send.html, send.text = rendered.html, rendered.text
    send.sender_name, send.sender_email, send.reply_to = sender.name, sender.email, sender.reply_to


class FrozenFactory:
    """Builds one delivery's message from the frozen render (microseconds per message)."""

    def __init__(self, send):
        issue = send.revision.as_object() if send.revision_id else send.issue.specific
        self.send_id = send.pk
        self.link_maker = PersonalLinkMaker(send.newsletter, send_id=send.pk)
        self.factory = MessageFactory(
            issue,
            rendered=RenderedIssue(mjml="", html=send.html, text=send.text),
            sender=Sender(send.sender_name, send.sender_email, send.reply_to),
            subject=send.subject,
        )

    def build(self, delivery):
        subscriber = delivery.subscriber
        subscriber.email = delivery.email  # the address the audience was frozen with
        links = self.link_maker.links(subscriber)
        tags = {"send": str(self.send_id), "delivery": str(delivery.pk)}
        return self.factory.build(subscriber, links=links, tags=tags)


def frozen_factory(send):
    return FrozenFactory(send)
