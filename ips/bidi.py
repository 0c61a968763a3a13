"""User-entered text shown isolated from what surrounds it.

A name, a title or a note may hold Unicode direction controls: a U+202E
(right-to-left override) in a candidate's name would otherwise reverse
whatever follows it on the page, a date or a colleague's name included.
Isolated, the text keeps its own direction inside and cannot reach out.

- In a template, `{{ value|bidi }}` prints the value escaped inside <bdi>
  (HTML's isolate); `{{ value|bidi_text }}` is for places that hold text
  only: the page title, an <option>.
- In Python, `isolate(value)` is for strings that carry user-entered text
  into a message, an error or a choice label: the value between FSI and PDI,
  the isolate controls of plain text.

Either way, an isolate closer (PDI) inside the value without its opener is
dropped: it would otherwise end the isolation early.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

FSI = "\u2068"  # first strong isolate
PDI = "\u2069"  # pop directional isolate
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI


def _balanced(text: str) -> str:
    """The isolates of `text` paired: closers without an opener dropped,
    openers left open closed at the end."""
    kept, depth = [], 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            if not depth:
                continue
            depth -= 1
        kept.append(char)
    return "".join(kept) + PDI * depth


def isolate(value) -> str:
    """Plain text: `value` between FSI and PDI."""
    return f"{FSI}{_balanced(str(value))}{PDI}"


def bdi(value, autoescape: bool = True) -> SafeString | str:
    """HTML: `value` escaped, inside <bdi>. Nothing at all for None or ""."""
    if value is None or value == "":
        return ""
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(f"<bdi>{_balanced(text)}</bdi>")  # noqa: S308 (escaped just above)
