"""The portal driver: the recaudo portal's pages over HTTP, as a browser without JavaScript sends them.

A cookie jar, forms with their CSRF token, no automatic redirects (callers look at each 303), the bot
check answered when the page asks one, and the simulator's inbox and control API.
"""
from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from features.drivers.http_pages import Page, PageSession, json_get, json_post  # noqa: F401 (re-exported)

NICK = ("CC", "1033370434")
NICK_MOBILE = "3107126048"


class PortalClient(PageSession):

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


# -- the portal driver of the wire target: the step vocabulary over the pages -------------------------

_ROW = re.compile(r'data-producto="(?P<type>[A-Z]{2})-(?P<number>[^"]+)">\s*<td>\s*<strong>(?P<name>[^<]+)</strong>')


class HttpPortal(PortalClient):
    """What the recaudo scenarios do, as a browser without JavaScript does it on the portal's pages."""

    def __init__(self, base_url: str, advance_clock):
        super().__init__(base_url)
        self.advance_clock = advance_clock  # the simulator's clock (control API), never a sleep
        self.payment_url = ""

    def _peek(self, path: str) -> Page:
        """GET a page without losing the last answer, whose message the next step may read."""
        last = self.last
        page = self.get(path)
        self.last = last
        return page

    # steps 2–4
    def greeting(self) -> str:
        found = re.search(r'id="saludo">([^<]*)<', self._peek("/recaudo/").text)
        return html.unescape(found.group(1)).strip() if found else ""

    def consult_enabled(self) -> bool:
        return 'id="consultar">Consultar Productos</button>' in self._peek("/recaudo/").text

    def message(self) -> str:
        return self.last.alert() if self.last else ""

    def consult(self) -> bool:
        answer = self.request_code()
        ok = answer.status == 303 and answer.location == "/recaudo/codigo"
        if not ok and answer.status == 303:
            self.get(answer.location)
        return ok

    def inbox(self, to: str) -> list[dict]:
        return json_get(self.base, f"/_sim/inbox?para={urllib.parse.quote(to)}")

    def destinations(self) -> str:
        return self._peek("/recaudo/codigo").text

    # step 5
    def enter_code(self, code: str) -> bool:
        answer = self.submit("/recaudo/codigo", "/recaudo/codigo", {"codigo_seguridad": code})
        return answer.status == 303 and answer.location == "/recaudo/productos"

    def resend(self) -> bool:
        answer = self.submit("/recaudo/codigo", "/recaudo/codigo/reenviar", {})
        if answer.status == 303:
            self.get(answer.location)
            return True
        return False

    def close(self) -> None:
        page = self.get("/recaudo/codigo")
        token = page.csrf() if 'name="csrf"' in page.text else self.get("/recaudo/").csrf()
        answer = self.post("/recaudo/cerrar", {}, token)
        if answer.status == 303:
            self.get(answer.location)

    def session_open(self) -> bool:
        return self._peek("/recaudo/productos").status == 200 or self._peek("/recaudo/codigo").status == 200

    # step 6
    def products(self) -> dict[str, tuple[str, str]]:
        """Masked name → (type code, number), in the page's order."""
        page = self._peek("/recaudo/productos")
        return {html.unescape(m["name"]).strip(): (m["type"], m["number"]) for m in _ROW.finditer(page.text)}

    def choose(self, lines: list[tuple[str, str, str]]) -> bool:
        """(masked name, choice kind name, typed amount) for each product; True when the portal accepted them."""
        keys = self.products()
        fields: list[tuple[str, str]] = []
        for name, kind, amount in lines:
            type_code, number = keys[name]
            fields.append((f"opcion__{type_code}__{number}", kind))
            if amount:
                fields.append((f"valor__{type_code}__{number}", amount))
        answer = self.submit("/recaudo/productos", "/recaudo/productos", fields)
        return answer.status == 303

    def reasons(self) -> str:
        return " ".join(html.unescape(r) for r in re.findall(r'class="motivo" role="alert">([^<]*)<', self.last.text))

    def total(self) -> str:
        page = self._peek("/recaudo/productos") if self.last.status == 303 else self.last
        found = re.search(r'id="total">([^<]*)<', page.text)
        return found.group(1).strip() if found else ""

    # step 7
    def set_payer(self, depositor: dict[str, str] | None) -> bool:
        fields = {} if depositor is None else {"depositante": "si", **depositor}
        return self.submit("/recaudo/pagador", "/recaudo/pagador", fields).status == 303

    # steps 8–9
    def detail(self) -> dict:
        page = self._peek("/recaudo/detalle")
        pick = lambda element: html.unescape(re.search(rf'id="{element}">([^<]*)<', page.text).group(1)).strip()  # noqa: E731
        rows = re.findall(r'<tr><td>([^<]+)</td><td class="num">([^<]+)</td></tr>', page.text)
        payer = re.search(r"<dt>Pagador</dt><dd>([^<]*)</dd>", page.text)
        return {"producto": pick("producto"), "referencia": pick("referencia"), "total": pick("total"),
                "lineas": [(html.unescape(a), b) for a, b in rows],
                "pagador": html.unescape(payer.group(1)) if payer else ""}

    def start(self, description: str, terms: bool) -> bool:
        fields = {"descripcion": description, **({"terminos": "si"} if terms else {})}
        answer = self.submit("/recaudo/detalle", "/recaudo/detalle", fields)
        if answer.status == 303:
            self.payment_url = answer.location
            return True
        return False

    def ach_notice(self) -> str:
        found = re.search(r'id="bloqueo">(.*?)</p>', self.last.text, re.S)
        return html.unescape(found.group(1)).strip() if found else ""
