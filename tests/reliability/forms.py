"""The forms of a served page, read from its HTML: where each posts and which fields it sends (hidden
ones with their values, the CSRF token among them), so a test can post every field of every form."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

HIDDEN = "hidden"


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, type)
    other_actions: list[str] = field(default_factory=list)  # buttons with their own `formaction`

    @property
    def hidden(self) -> dict[str, str]:
        return {name: value for name, value, kind in self.fields if kind == HIDDEN}

    @property
    def visible(self) -> list[str]:
        seen: list[str] = []
        for name, _, kind in self.fields:
            if kind != HIDDEN and name not in seen:
                seen.append(name)
        return seen

    def defaults(self) -> dict[str, str]:
        """What a browser would send untouched: hidden values, checked boxes and radios, first options."""
        values: dict[str, str] = {}
        for name, value, kind in self.fields:
            if kind in ("checkbox", "radio"):
                continue
            values.setdefault(name, value)
        return values


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(html.unescape(a.get("action", "")), a.get("method", "get").lower()))
            return
        if not self.forms:
            return
        if tag == "button" and a.get("formaction") and a["formaction"] not in self.forms[-1].other_actions:
            self.forms[-1].other_actions.append(html.unescape(a["formaction"]))
        if tag == "option" and self._select:
            self.forms[-1].fields.append((self._select, a.get("value", ""), "option"))
        elif "name" not in a:
            return
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self.forms[-1].fields.append((a["name"], a.get("value", ""), kind))
        elif tag == "textarea":
            self.forms[-1].fields.append((a["name"], "", "textarea"))
        elif tag == "select":
            self._select = a["name"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def forms_in(page_html: str) -> list[Form]:
    """Every POST form of the page; a button's `formaction` counts as one more form with the same fields."""
    reader = _Reader()
    reader.feed(page_html)
    found = []
    for form in (f for f in reader.forms if f.method == "post"):
        found.append(form)
        found.extend(Form(action, form.method, form.fields) for action in form.other_actions)
    return found
