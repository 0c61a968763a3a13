"""`|bidi` and `|bidi_text`: user-entered text isolated (see ips.bidi).
A builtin of the template engine: every template has them without {% load %}."""

from django import template

from ips import bidi as isolation

register = template.Library()


@register.filter(needs_autoescape=True)
def bidi(value, autoescape=True):
    """User-entered text in a page: escaped, inside <bdi>."""
    return isolation.bdi(value, autoescape=autoescape)


@register.filter
def bidi_text(value):
    """User-entered text where only text may stand (the page title, an <option>)."""
    if value is None or value == "":
        return ""
    return isolation.isolate(value)
