"""Template tags for the site chrome: navigation and absolute URLs."""

from django import template
from django.conf import settings
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The root page's children shown in menus; one query, cached on the request."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_main_menu"):
        site = Site.find_for_request(request)
        pages = site.root_page.get_children().live().public().in_menu() if site else []
        request._main_menu = list(pages)
    return request._main_menu


@register.simple_tag
def absolute_url(path):
    """Prefix a site-relative path with BASE_URL, for mails and feeds."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.BASE_URL + path
