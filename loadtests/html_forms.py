"""Just enough HTML reading for a browserless payer: hidden fields, an element's text, a link's href.

Regular expressions over the simulator's own templates (double-quoted attributes), not a general HTML parser:
a load test should spend its CPU on the server.
"""
from __future__ import annotations

import html
import re

_INPUT = re.compile(r"<input\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([A-Za-z_:][-\w:.]*)\s*=\s*"([^"]*)"')
_TAG_WITH_ID = r'<(\w+)\b[^>]*\bid="{id}"[^>]*>'
_TAGS = re.compile(r"<[^>]+>")


def attributes(tag_inside: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value) for name, value in _ATTRIBUTE.findall(tag_inside)}


def hidden_fields(page: str) -> dict[str, str]:
    """name → value of every `<input type="hidden">` of the page (the CSRF token, `enc`, `identificador`…)."""
    fields = {}
    for inside in _INPUT.findall(page):
        found = attributes(inside)
        if found.get("type", "").lower() == "hidden" and "name" in found:
            fields[found["name"]] = found.get("value", "")
    return fields


def text_by_id(page: str, element_id: str) -> str | None:
    """The text of the element with this id (tags dropped, entities decoded, blanks collapsed), None if absent."""
    opening = re.search(_TAG_WITH_ID.format(id=re.escape(element_id)), page)
    if opening is None:
        return None
    tag = opening.group(1)
    closing = page.find(f"</{tag}>", opening.end())
    inner = page[opening.end():closing if closing >= 0 else len(page)]
    return " ".join(html.unescape(_TAGS.sub("", inner)).split())


def href_by_id(page: str, element_id: str) -> str | None:
    """The href of the link with this id (entities decoded), None if absent."""
    opening = re.search(_TAG_WITH_ID.format(id=re.escape(element_id)), page)
    if opening is None:
        return None
    return attributes(opening.group(0)).get("href")
