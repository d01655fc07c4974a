"""A pytest plugin for merchants' own test suites: installed with the package (entry point `pytest11`), so a
project that has pasarela-sim installed gets the `pasarela` fixture without configuration.

    def test_my_checkout_marks_the_order_paid(pasarela):
        shop = MyShop(zonapagos_url=pasarela.url, **pasarela.demo_merchant)   # only the host changes
        identificador = shop.start_payment(order_id="1234", total=20000)
        pasarela.force_outcome(identificador, 1)                              # the payer "paid"
        assert shop.poll_status("1234") == "paid"

`pasarela_server` starts one isolated `pasarela serve` per test session (a free loopback port, a temporary
database, torn down after); `pasarela` is that simulator for one test, reset before it (every payment,
token, message and journal entry gone, demo data seeded again, the clock back to real time), as
pytest-httpserver's `httpserver` and testcontainers' per-test reset do. Helpers speak to the control API.
"""
from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from simulator.process import SimulatorProcess

DEMO_MERCHANT = {"id_comercio": 1001, "clave": "clave-inicio", "usuario": "usuario-v4", "clave_v4": "clave-v4",
                 "codigo_servicio": "2701", "t_ruta": "t_demo"}
SERVICES = {
    "inicio": "/ws_inicio_pagov2/Zpagos.asmx", "verificar_v4": "/WsVerificarPagoV4/VerificarPagos.asmx",
    "verificar_v3": "/ws_verificar_pagos/Service.asmx", "tokentc": "/tokenizaciontc/tokentc.asmx",
    "pagoaptc": "/ws_pagoaptc/PagoAPTC.asmx", "pse": "/PSEWebServices3/MainServices.asmx",
}


class ControlError(AssertionError):
    """The control API refused a helper's request (its problem+json is the message)."""


@dataclass
class Pasarela:
    """A running simulator and helpers over its control API."""

    url: str
    db: Path
    process: SimulatorProcess = field(repr=False)
    demo_merchant: dict[str, Any] = field(default_factory=lambda: dict(DEMO_MERCHANT))

    def wsdl(self, service: str) -> str:
        """The `?wsdl` URL of a service: inicio, verificar_v4, verificar_v3, tokentc, pagoaptc, pse."""
        return f"{self.url}{SERVICES[service]}?wsdl"

    def endpoint(self, service: str) -> str:
        return f"{self.url}{SERVICES[service]}"

    def control(self, method: str, path: str, body: dict | None = None) -> Any:
        """One control API call; its JSON answer. Raises ControlError with the problem on a 4xx/5xx."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            raise ControlError(f"{method} {path}: {error.code} {error.read().decode(errors='replace')}") from None

    def every(self, path: str) -> list[Any]:
        """Every item of a control API list (`/_sim/payments`, `/_sim/journal?operacion=…`…), following the
        pages' `Link: <…>; rel="next"` to the last one."""
        items: list[Any] = []
        following: str | None = path
        while following is not None:
            try:
                with urllib.request.urlopen(f"{self.url}{following}", timeout=30) as answer:
                    items += json.loads(answer.read())
                    link = answer.headers.get("Link", "")
            except urllib.error.HTTPError as error:
                raise ControlError(f"GET {following}: {error.code} {error.read().decode(errors='replace')}") from None
            following = link[1:link.index(">")] if link.startswith("<") and 'rel="next"' in link else None
        return items

    # -- payments ----------------------------------------------------------------------------------------
    def payment(self, identificador: int | str) -> dict:
        """A payment with its attempts and state history."""
        return self.control("GET", f"/_sim/payments/{quote(str(identificador))}")

    def force_outcome(self, identificador: int | str, estado: int, forma_pago: str | None = None) -> dict:
        """Move a payment to a ZonaPAGOS state (1, 777, 999, 1000, 1001, 4000, 4001, 4003); `forma_pago`
        "pse" or "tarjeta"."""
        body: dict[str, Any] = {"estado": estado}
        if forma_pago:
            body["forma_pago"] = forma_pago
        return self.control("POST", f"/_sim/payments/{quote(str(identificador))}/outcome", body)

    def next_outcome(self, estado: int, id_comercio: int = 1001, forma_pago: str | None = None) -> Any:
        """The merchant's next payment gets this outcome at once."""
        body: dict[str, Any] = {"estado": estado, **({"forma_pago": forma_pago} if forma_pago else {})}
        return self.control("POST", f"/_sim/merchants/{id_comercio}/siguiente-resultado", body)

    # -- merchants -----------------------------------------------------------------------------------------
    def set_merchant(self, id_comercio: int, **fields: Any) -> dict:
        """Create a merchant (all of `nombre`, `nit`, `clave_inicio`, `usuario_v4`, `clave_v4`,
        `codigo_servicio`, `t_ruta`, `url_retorno`) or change some settings of an existing one."""
        try:
            self.control("GET", f"/_sim/merchants/{id_comercio}")
        except ControlError:
            return self.control("PUT", f"/_sim/merchants/{id_comercio}", fields)
        return self.control("PATCH", f"/_sim/merchants/{id_comercio}", fields)

    # -- notifications to the merchant's server (NotificarPagos, tokens) -----------------------------------
    def notify_to(self, url: str, id_comercio: int = 1001, clave: str = "", token_url: str = "") -> dict:
        """Have the simulator post the merchant's notifications to `url` (and tokens to `token_url`), with the
        shared password `clave` (≤ 15) in their bodies."""
        return self.control("PATCH", f"/_sim/merchants/{id_comercio}", {
            "url_notificacion": url, "url_notificacion_token": token_url, "clave_notificacion": clave})

    def notifications(self, id_comercio: int | None = None) -> list[dict]:
        """Deliveries to merchants with every attempt (status, HTTP status, answer), newest first: the first
        page (100); `every("/_sim/notificaciones")` for all of them."""
        return self.control("GET", "/_sim/notificaciones" + (f"?comercio={id_comercio}" if id_comercio else ""))

    def redeliver(self, notification_id: int) -> dict:
        """Send a pending or failed notification again now."""
        return self.control("POST", f"/_sim/notificaciones/{notification_id}/reenviar")

    # -- clock, inbox, journal -------------------------------------------------------------------------------
    def advance_clock(self, seconds: float) -> str:
        """Move the simulated clock forward; the new time (ISO 8601)."""
        return self.control("POST", "/_sim/clock/advance", {"segundos": seconds})["ahora"]

    def now(self) -> str:
        return self.control("GET", "/_sim/clock")["ahora"]

    def inbox(self, to: str | None = None) -> list[dict]:
        """Messages the simulated world sent (OTPs, PSE e-mails), newest first; only those to `to` if given."""
        return self.control("GET", "/_sim/inbox" + (f"?{urlencode({'para': to})}" if to else ""))

    def journal(self, operacion: str | None = None, limite: int = 100) -> list[dict]:
        """What this simulator received (masked), newest first: the newest `limite` entries (up to 1000; the
        API pages beyond, see README), only one operation's calls if given. Keys: `operacion`, `solicitud`,
        `respuesta`, `estado_http`, `fecha`, `id_solicitud`…"""
        query = {"limite": limite, **({"operacion": operacion} if operacion else {})}
        return self.control("GET", f"/_sim/journal?{urlencode(query)}")

    def reset(self) -> None:
        """Every payment, token, message, visit and journal entry gone; demo data seeded again; real time."""
        self.control("POST", "/_sim/reset")
        self.control("POST", "/_sim/clock/reset")


@pytest.fixture(scope="session")
def pasarela_server() -> Iterator[Pasarela]:
    """One isolated simulator for the session: a free loopback port, a temporary database, stopped after."""
    with tempfile.TemporaryDirectory(prefix="pasarela-") as folder:
        db = Path(folder) / "pasarela.sqlite3"
        with SimulatorProcess(db) as process:
            yield Pasarela(process.url, db, process)


@pytest.fixture
def pasarela(pasarela_server: Pasarela) -> Pasarela:
    """The session's simulator, reset for this test."""
    pasarela_server.reset()
    return pasarela_server
