"""Filters for the plain-text part of the newsletter."""

from django import template

register = template.Library()


@register.filter
def underline(text, character="="):
    """The heading followed by a line of the same length, as plain-text mails mark headings."""
    text = str(text)
    return f"{text}\n{character * len(text)}"


@register.filter
def indent(text, prefix="  "):
    return "\n".join(prefix + line if line else line for line in str(text).splitlines())
