"""The sections an issue is made of. Each section says whether it goes into the email, the web
version or both, so an editor can e.g. thank subscribers in the mail only."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core.blocks import CallToActionBlock

EMAIL, WEB, BOTH = "email", "web", "both"
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def channel_block():
    return blocks.ChoiceBlock(
        label=_("Erscheint in"),
        default=BOTH,
        choices=[
            (BOTH, _("E-Mail und Web-Version")),
            (EMAIL, _("Nur in der E-Mail")),
            (WEB, _("Nur in der Web-Version")),
        ],
    )


def heading_block(default):
    return blocks.CharBlock(label=_("Überschrift"), required=False, default=default)


class FeaturedPostsBlock(blocks.StructBlock):
    heading = heading_block(_("Aus dem Blog"))
    posts = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="blog.BlogPage", label=_("Beitrag")),
        label=_("Beiträge"),
        help_text=_("Bild, Titel, Anreißer und Link kommen aus dem Beitrag."),
    )
    channel = channel_block()

    class Meta:
        icon = "doc-full"
        label = _("Ausgewählte Beiträge")


class EventsBlock(blocks.StructBlock):
    CHOSEN, UPCOMING = "chosen", "upcoming"

    heading = heading_block(_("Termine"))
    mode = blocks.ChoiceBlock(
        label=_("Auswahl"),
        default=CHOSEN,
        choices=[
            (CHOSEN, _("Die unten gewählten Veranstaltungen")),
            (UPCOMING, _("Automatisch: anstehende Veranstaltungen des Quartals")),
        ],
    )
    events = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="events.EventPage", label=_("Veranstaltung")),
        label=_("Veranstaltungen"),
        default=[],
    )
    channel = channel_block()

    class Meta:
        icon = "date"
        label = _("Veranstaltungen")


class CountryNewsBlock(blocks.StructBlock):
    heading = heading_block(_("Aus den Schwerpunktländern"))
    text = blocks.RichTextBlock(label=_("Einleitung"), features=TEXT_FEATURES, required=False)
    countries = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="countries.CountryPage", label=_("Länderseite")),
        label=_("Länderseiten"),
    )
    channel = channel_block()

    class Meta:
        icon = "globe"
        label = _("Länderschwerpunkte")


class FreeTextBlock(blocks.StructBlock):
    heading = heading_block("")
    body = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
    channel = channel_block()

    class Meta:
        icon = "pilcrow"
        label = _("Freier Text")


class IssueImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        max_length=250,
        help_text=_("Beschreibt das Bild für Menschen, die es nicht sehen können."),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)
    channel = channel_block()

    class Meta:
        icon = "image"
        label = _("Bild")


class IssueCallToActionBlock(CallToActionBlock):
    """The site's call to action (e.g. a survey with its closing date), plus a channel."""

    channel = channel_block()

    class Meta:
        icon = "pick"
        label = _("Handlungsaufruf")


class ClosingBlock(blocks.StructBlock):
    heading = heading_block(_("Zum Schluss"))
    text = blocks.RichTextBlock(label=_("Schlussworte"), features=TEXT_FEATURES)
    contact_persons = blocks.ListBlock(
        SnippetChooserBlock("people.ContactPerson", label=_("Ansprechperson")),
        label=_("Ansprechpersonen"),
        default=[],
    )
    channel = channel_block()

    class Meta:
        icon = "user"
        label = _("Schlussworte")


class IssueSectionsBlock(blocks.StreamBlock):
    featured_posts = FeaturedPostsBlock()
    events = EventsBlock()
    country_news = CountryNewsBlock()
    text = FreeTextBlock()
    image = IssueImageBlock()
    call_to_action = IssueCallToActionBlock()
    closing = ClosingBlock()

    class Meta:
        label = _("Abschnitte")
