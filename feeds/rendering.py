"""Full content for feed entries: StreamField bodies rendered with their block templates
(items.py then sanitises each entry with the one sanitiser, cms.core.html.clean_html).

Rendering page by page would cost queries per entry (chooser blocks, renditions, internal
links in rich text); here every lookup is done once for all entries together.
"""

import uuid

from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.html import format_html
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText, expand_db_html

from cms.core.pages import LISTING_RENDITION


def render_bodies(pages):
    """{page pk: HTML of its body} for pages that share one StreamField block. Not yet
    sanitised: callers clean the whole entry content once."""
    if not pages:
        return {}
    stream_block = pages[0].body.stream_block
    values = stream_block.bulk_to_python([list(page.body.raw_data) for page in pages])
    prefetch_renditions(values)
    expand_rich_text(values)
    with translation.override("de"):
        return {
            page.pk: str(value.render_as_block()) for page, value in zip(pages, values, strict=True)
        }


def prefetch_renditions(stream_values):
    """Load the existing renditions of every image in the bodies in one query."""
    images = [image for value in stream_values for image in images_in(value)]
    prefetch_related_objects(images, "renditions")


def images_in(stream_value):
    for child in stream_value:
        if isinstance(child.value, AbstractImage):
            yield child.value
        elif hasattr(child.value, "values"):  # a StructValue: look one level down
            yield from (v for v in child.value.values() if isinstance(v, AbstractImage))


def expand_rich_text(stream_values):
    """Expand the rich text blocks of all bodies at once, so the block templates' richtext
    filter finds nothing left to look up."""
    children = [
        child for value in stream_values for child in value if isinstance(child.value, RichText)
    ]
    expanded = expand_many([child.value.source for child in children])
    for child, html in zip(children, expanded, strict=True):
        child.value = RichText(html)


def expand_many(sources):
    """expand_db_html for many rich texts in one pass: one query per link type in total."""
    if not sources:
        return []
    separator = f"<!--{uuid.uuid4().hex}-->"
    return expand_db_html(separator.join(sources)).split(separator)


def header_image_html(page):
    """The page's header image as <img> with its alt text ('' when decorative)."""
    if page.header_image is None:
        return ""
    rendition = page.header_image.get_rendition(LISTING_RENDITION)
    return format_html(
        '<p><img src="{}" alt="{}" width="{}" height="{}"></p>',
        rendition.url,
        page.header_image_alt,
        rendition.width,
        rendition.height,
    )
