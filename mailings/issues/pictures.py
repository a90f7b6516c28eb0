"""Email-safe pictures: JPEG/PNG renditions (Wagtail 8 keeps AVIF/WebP otherwise), fetched for a
whole issue in two queries, with absolute URLs and the size they are shown at."""

from dataclasses import dataclass

from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import SourceImageIOError

# Renditions are twice the shown size so they stay sharp on high-density screens.
TEASER = ("fill-1104x620|format-{fmt}|jpegquality-70", 2)
WIDE = ("width-1104|format-{fmt}|jpegquality-75", 2)
PORTRAIT = ("fill-160x160|format-{fmt}|jpegquality-80", 2)
ALL_SPECS = [
    spec.format(fmt=fmt) for spec, _density in (TEASER, WIDE, PORTRAIT) for fmt in ("jpeg", "png")
]


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    alt: str


def fetch_images(image_ids):
    """The images with their email renditions prefetched, by id."""
    ids = {pk for pk in image_ids if pk}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(*ALL_SPECS)
    return {image.pk: image for image in images}


def picture(image, alt, kind=TEASER):
    """A Picture for the mail and web version, or None when the file cannot be read."""
    if image is None:
        return None
    spec, density = kind
    try:
        rendition = image.get_rendition(spec.format(fmt=email_format(image)))
    except (SourceImageIOError, InvalidFilterSpecError):
        return None
    return Picture(rendition.full_url, rendition.width // density, rendition.height // density, alt)


def email_format(image):
    """PNG keeps transparency and line art crisp; everything else becomes JPEG."""
    return "png" if image.file.name.lower().endswith((".png", ".gif")) else "jpeg"
