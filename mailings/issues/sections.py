"""Turn an issue's StreamField into plain section objects for the templates.

Everything the templates need is fetched here in bulk: Wagtail loads each block type's chosen
pages in one query, and all images with their renditions come in two more, so rendering costs
the same number of queries for 3 items as for 30.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from cms.core.html import clean_html

from .blocks import BOTH, EventsBlock
from .links import Links
from .pictures import PORTRAIT, WIDE, fetch_images, picture
from .plaintext import html_to_text

PAGE_LISTS = {"featured_posts": "posts", "events": "events", "country_news": "countries"}


@dataclass
class Item:
    title: str
    url: str
    text: str = ""
    meta: str = ""
    picture: object = None


@dataclass
class Person:
    name: str
    role: str
    email: str
    phone: str
    picture: object = None


@dataclass
class Section:
    kind: str
    heading: str = ""
    items: list = field(default_factory=list)
    html: str = ""
    text: str = ""
    title: str = ""
    picture: object = None
    button_label: str = ""
    button_url: str = ""
    closing_date: object = None
    people: list = field(default_factory=list)

    @property
    def email_template(self):
        return f"mailings/issues/email/sections/{self.kind}.mjml"

    @property
    def web_template(self):
        return f"mailings/issues/web/sections/{self.kind}.html"


def shows_in(value, channel):
    return channel is None or value.get("channel", BOTH) in (BOTH, channel)


def rich_text(source, links):
    """Editor HTML made safe and absolute by the one sanitiser, and its readable text."""
    html = clean_html(expand_db_html(source or ""), base_url=links.base)
    return html, html_to_text(html)


class SectionBuilder:
    """Builds the sections of one issue for one channel ("email" or "web")."""

    def __init__(self, issue, channel):
        self.issue = issue
        self.links = Links(issue.utm_campaign)
        self.blocks = [child for child in issue.sections if shows_in(child.value, channel)]
        self.automatic_events = self.find_automatic_events()
        self.images = fetch_images(self.image_ids())

    def find_automatic_events(self):
        wanted = any(self.is_automatic(child) for child in self.blocks)
        return list(self.issue.upcoming_events_of_period()) if wanted else []

    @staticmethod
    def is_automatic(child):
        return child.block_type == "events" and child.value["mode"] == EventsBlock.UPCOMING

    def pages_of(self, child):
        if self.is_automatic(child):
            return self.automatic_events
        name = PAGE_LISTS.get(child.block_type)
        pages = child.value[name] if name else []
        return [page for page in pages if page is not None and page.live]

    def image_ids(self):
        ids = [page.header_image_id for child in self.blocks for page in self.pages_of(child)]
        for child in self.blocks:
            if child.block_type == "image" and child.value["image"]:
                ids.append(child.value["image"].pk)
            if child.block_type == "closing":
                ids += [person.image_id for person in child.value["contact_persons"] if person]
        return ids

    def build(self):
        return [getattr(self, "build_" + child.block_type)(child) for child in self.blocks]

    def page_items(self, child, meta=None):
        return [
            Item(
                title=page.title,
                url=self.links.page(page),
                text=page.teaser,
                meta=meta(page) if meta else "",
                picture=self.header_picture(page),
            )
            for page in self.pages_of(child)
        ]

    def header_picture(self, page):
        image = self.images.get(page.header_image_id)
        return picture(image, page.header_image_alt)

    def build_featured_posts(self, child):
        items = self.page_items(child, meta=lambda post: date_format(post.date, "j. F Y"))
        return Section("featured_posts", child.value["heading"], items=items)

    def build_events(self, child):
        items = self.page_items(child, meta=event_meta)
        return Section("events", child.value["heading"], items=items)

    def build_country_news(self, child):
        html, text = rich_text(
            child.value["text"].source if child.value["text"] else "", self.links
        )
        items = self.page_items(child)
        return Section("country_news", child.value["heading"], items=items, html=html, text=text)

    def build_text(self, child):
        html, text = rich_text(child.value["body"].source, self.links)
        return Section("text", child.value["heading"], html=html, text=text)

    def build_image(self, child):
        image = child.value["image"] and self.images.get(child.value["image"].pk)
        return Section(
            "image",
            picture=picture(image, child.value["alt_text"], WIDE),
            text=child.value["caption"],
        )

    def build_call_to_action(self, child):
        value = child.value
        url = self.links.page(value["page"]) if value["page"] else self.links.url(value["url"])
        return Section(
            "call_to_action",
            title=value["title"],
            text=value["text"],
            button_label=value["button_label"],
            button_url=url,
            closing_date=value["closing_date"],
        )

    def build_closing(self, child):
        html, text = rich_text(child.value["text"].source, self.links)
        people = [self.person(person) for person in child.value["contact_persons"] if person]
        return Section("closing", child.value["heading"], html=html, text=text, people=people)

    def person(self, person):
        image = self.images.get(person.image_id)
        portrait = picture(image, _("Foto: %(name)s") % {"name": person.name}, PORTRAIT)
        return Person(person.name, person.role, person.email, person.phone, portrait)


def event_meta(event):
    """One line with when, how and until when to register, in the event's own time zone."""
    start = localtime(event.start, event.zone)
    parts = [date_format(start, "D, j. F Y, H:i") + " " + _("Uhr"), event.get_format_display()]
    if event.registration_deadline:
        deadline = date_format(event.registration_deadline, "j. F Y")
        parts.append(_("Anmeldung bis %(date)s") % {"date": deadline})
    return " · ".join(parts)


def build_sections(issue, channel):
    return SectionBuilder(issue, channel).build()
