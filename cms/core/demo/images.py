"""Demo pictures drawn with Pillow, so the demo never downloads anything."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTES = [
    ((11, 79, 138), (120, 180, 220)),
    ((156, 61, 0), (240, 190, 120)),
    ((30, 110, 70), (170, 220, 170)),
    ((90, 40, 120), (200, 170, 230)),
    ((20, 60, 80), (150, 200, 210)),
]


def draw_picture(seed, size=(1200, 675)):
    """A calm abstract picture: a gradient sky, hills and a few 'buildings'."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    dark, light = rng.choice(PALETTES)
    picture = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    width, height = size
    for y in range(height):
        mix = y / height
        colour = tuple(int(light[i] * (1 - mix) + dark[i] * mix) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(9):
        left = rng.randint(0, width - 120)
        top = rng.randint(height // 3, height - 140)
        draw.rectangle([left, top, left + rng.randint(60, 160), height], fill=dark)
    draw.ellipse([width - 260, 60, width - 140, 180], fill=(255, 236, 170))
    return picture


def demo_image(title, description, seed):
    """The demo image with this title, drawn and stored the first time only."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    draw_picture(seed).save(buffer, format="JPEG", quality=85)
    file = ImageFile(buffer, name=f"demo-{seed}.jpg")
    return image_model.objects.create(title=title, description=description, file=file)
