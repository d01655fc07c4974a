"""The portal driver: the recaudo portal's pages over HTTP, as a browser without JavaScript sends them.

A cookie jar, forms with their CSRF token, no automatic redirects (callers look at each 303), the bot
check answered when the page asks one, and the simulator's inbox and control API.
"""
from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar

NICK = ("CC", "1033370434")
NICK_MOBILE = "3107126048"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
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
        assert found, f"no CSRF token on {self.url}"
        return found.group(1)

    def field(self, name: str) -> str:
        found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.text)
        return html.unescape(found.group(1)) if found else ""

    def alert(self) -> str:
        """The page's messages (role=alert/status), unescaped, joined."""
        found = re.findall(r'role="(?:alert|status)"[^>]*>(.*?)</', self.text, re.S)
        return " ".join(html.unescape(re.sub(r"\s+", " ", f)).strip() for f in found)


class PortalClient:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.last: Page | None = None

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            response = self.opener.open(request, timeout=20)
            status, headers, body = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, dict(error.headers), error.read()
        page = Page(status, request.full_url, headers, body.decode("utf-8", "replace"))
        self.last = page
        return page

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str] | list[tuple[str, str]], csrf: str | None = None) -> Page:
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf is not None:
            items.append(("csrf", csrf))
        data = urllib.parse.urlencode(items).encode()
        return self._open(urllib.request.Request(self.base + path, data=data, method="POST"))

    def submit(self, page_path: str, action: str, fields: dict[str, str] | list[tuple[str, str]]) -> Page:
        """GET the page, then POST its form with the page's CSRF token."""
        token = self.get(page_path).csrf()
        return self.post(action, fields, token)

    # -- shortcuts through the flow -------------------------------------------------------------------
    def identify(self, kind: str = NICK[0], number: str = NICK[1]) -> Page:
        form = self.get("/recaudo/")
        fields = {"tipo_documento": kind, "numero_documento": number}
        question = re.search(r"¿Cuánto es (\d+) \+ (\d+)\?", form.text)
        if question:  # the default bot check: a small sum, its answer signed in the hidden field `reto`
            fields.update(verificacion=str(int(question.group(1)) + int(question.group(2))), reto=form.field("reto"))
        return self.post("/recaudo/identificar", fields, form.csrf())

    def request_code(self) -> Page:
        return self.submit("/recaudo/", "/recaudo/consultar", {})

    def verified(self, kind: str = NICK[0], number: str = NICK[1], mobile: str = NICK_MOBILE) -> Page:
        assert self.identify(kind, number).status == 303
        assert self.request_code().status == 303
        page = self.submit("/recaudo/codigo", "/recaudo/codigo", {"codigo_seguridad": latest_code(self.base, mobile)})
        assert page.status == 303 and page.location == "/recaudo/productos", page.text[:2000]
        return page


def latest_code(base_url: str, to: str) -> str:
    """The newest OTP sent to `to`, read from the simulator's inbox."""
    messages = json_get(base_url, f"/_sim/inbox?para={urllib.parse.quote(to)}")
    for message in messages:
        found = re.search(r"código de seguridad para RedCoop Pagos PSE es (\d{6})", message["cuerpo"])
        if found:
            return found.group(1)
    raise AssertionError(f"no OTP for {to}: {messages}")


def json_get(base_url: str, path: str):
    with urllib.request.urlopen(base_url.rstrip("/") + path, timeout=10) as response:
        return json.loads(response.read())


def json_post(base_url: str, path: str, body: dict | None = None):
    request = urllib.request.Request(base_url.rstrip("/") + path, data=json.dumps(body or {}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())
