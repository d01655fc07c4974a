"""Pages over HTTP as a browser without JavaScript sends them: a cookie jar, no automatic redirects
(callers look at each 303), forms posted with their CSRF token. Shared by the page drivers."""
from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Page:
    status: int
    url: str
    headers: dict[str, str]
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def csrf(self) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.text)
        assert found, f"no CSRF token on {self.url}: {self.text[:300]}"
        return found.group(1)

    def field(self, name: str) -> str:
        found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.text)
        return html.unescape(found.group(1)) if found else ""

    def alert(self) -> str:
        """The page's messages (role=alert/status), unescaped, joined."""
        found = re.findall(r'role="(?:alert|status)"[^>]*>(.*?)</', self.text, re.S)
        return " ".join(html.unescape(re.sub(r"\s+", " ", f)).strip() for f in found)

    def by_id(self, element_id: str) -> str:
        """The text of the element with this id (tags removed, unescaped)."""
        found = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</(?:td|p|span|strong|h1|label)>', self.text, re.S)
        assert found, f"no #{element_id} on {self.url}"
        return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1)))).strip()

    def message(self) -> str:
        found = re.search(r'id="mensaje" role="alert">(.*?)</p>', self.text, re.S)
        return html.unescape(found.group(1)).strip() if found else ""


class PageSession:
    """One browser on the simulator at `base_url`: its cookies and the last page it got."""

    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.last: Page | None = None
        self.new_visit()

    def new_visit(self) -> None:
        """A fresh browser (no cookie)."""
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            response = self.opener.open(request, timeout=20)
            status, headers, body = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, dict(error.headers), error.read()
        self.last = Page(status, request.full_url, headers, body.decode("utf-8", "replace"))
        return self.last

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(path if path.startswith("http") else self.base + path))

    def post(self, path: str, fields: dict[str, str] | list[tuple[str, str]], csrf: str | None = None) -> Page:
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf is not None:
            items.append(("csrf", csrf))
        data = urllib.parse.urlencode(items).encode()
        return self._open(urllib.request.Request(self.base + path, data=data, method="POST"))


def json_get(base_url: str, path: str):
    with urllib.request.urlopen(base_url.rstrip("/") + path, timeout=10) as response:
        return json.loads(response.read())


def json_post(base_url: str, path: str, body: dict | None = None):
    request = urllib.request.Request(base_url.rstrip("/") + path, data=json.dumps(body or {}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())
