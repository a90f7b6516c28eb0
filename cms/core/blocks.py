"""StreamField blocks for page bodies. Each block names its icon, template and a preview value
so editors see what they insert (bakerydemo's convention)."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

BLOCK_TEMPLATES = "components/blocks/"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        max_length=250,
        help_text=_("Beschreibt das Bild für Menschen, die es nicht sehen können."),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)
    credit = blocks.CharBlock(label=_("Bildnachweis"), required=False)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = BLOCK_TEMPLATES + "image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Quelle"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = BLOCK_TEMPLATES + "quote_block.html"
        preview_value = {
            "text": _("Partnerschaft lebt von Menschen, die sich begegnen."),
            "attribution": _("Teilnehmerin des Runden Tisches"),
        }


class ExternalMediaBlock(blocks.StructBlock):
    """A video or post hosted elsewhere, shown as a link card: an iframe would make every
    visitor's browser contact the host before they agreed to it (DSGVO)."""

    url = blocks.URLBlock(label=_("Adresse (URL)"))
    title = blocks.CharBlock(label=_("Titel"))
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)

    class Meta:
        icon = "media"
        label = _("Eingebettete Medien (als Link)")
        template = BLOCK_TEMPLATES + "external_media_block.html"
        preview_value = {
            "url": "https://example.org/video",
            "title": _("Mitschnitt der Regionalkonferenz"),
            "description": _("Aufzeichnung der Podiumsdiskussion."),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["host"] = urlsplit(value["url"]).hostname or ""
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Linktext"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = BLOCK_TEMPLATES + "document_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Überschrift"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Beschriftung der Schaltfläche"))
    page = blocks.PageChooserBlock(label=_("Interne Seite"), required=False)
    url = blocks.URLBlock(label=_("Externe Adresse"), required=False)
    closing_date = blocks.DateBlock(label=_("Teilnahmeschluss"), required=False)

    class Meta:
        icon = "pick"
        label = _("Handlungsaufruf")
        template = BLOCK_TEMPLATES + "call_to_action_block.html"
        preview_value = {
            "title": _("Ihre Meinung zählt"),
            "text": _("Helfen Sie uns mit fünf Minuten für unsere Umfrage."),
            "button_label": _("Zur Umfrage"),
            "url": "https://example.org/umfrage",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Bitte genau ein Ziel angeben: eine interne Seite oder eine Adresse.")
                    )
                }
            )
        return value


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"))
    url = blocks.URLBlock(label=_("Adresse (URL)"))
    description = blocks.CharBlock(label=_("Beschreibung"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = BLOCK_TEMPLATES + "link_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Zwischenüberschrift"),
        icon="title",
        template=BLOCK_TEMPLATES + "heading_block.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        template=BLOCK_TEMPLATES + "paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = ExternalMediaBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Inhalt")


class ResourceBlock(blocks.StreamBlock):
    link = LinkBlock()
    document = DocumentBlock()

    class Meta:
        label = _("Materialien")
