"""Small builders for feed tests: StreamField bodies and page edits as an editor makes them."""

import json


def body(*blocks):
    """StreamField JSON from (block type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def paragraph(html):
    return ("paragraph", html)


def image_block(image, alt):
    return ("image", {"image": image.pk, "alt_text": alt, "caption": "", "credit": ""})


def publish(page):
    """Save a revision and publish it, firing Wagtail's page_published signal."""
    page.save_revision().publish()
    return page
