"""An associate in Chromium on the recaudo portal: the steps of IOTCS-09 as clicks, with a screenshot of
each page under reports/screenshots/recaudo/<test>/<nn>-<page>.png."""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from tests.wire.portal_helpers import json_get, json_post, latest_code

SCREENSHOTS = Path(__file__).resolve().parents[2] / "reports" / "screenshots" / "recaudo"
TIMEOUT_MS = 15_000
REGISTERED_PSE_PAYER = "nick.rivera@example.com"


@dataclass
class Associate:
    page: object  # playwright.sync_api.Page
    base_url: str
    shots: Path
    count: int = field(default=0)
    taken: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def open(cls, browser, base_url: str, test_name: str):
        context = browser.new_context(locale="es-CO", viewport={"width": 1000, "height": 800})
        context.set_default_timeout(TIMEOUT_MS)
        folder = SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_")[:100]
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        return context, cls(context.new_page(), base_url, folder)

    # -- helpers -----------------------------------------------------------------------------------
    def shot(self, name: str) -> Path:
        self.count += 1
        path = self.shots / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.taken[name] = path
        return path

    def text(self, selector: str) -> str:
        return self.page.inner_text(selector).strip()

    def click_and_wait(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)

    def code(self, mobile: str = "3107126048") -> str:
        return latest_code(self.base_url, mobile)

    # -- steps 1–5 ---------------------------------------------------------------------------------
    def identify(self, kind: str = "CC", number: str = "1033370434") -> None:
        self.page.goto(f"{self.base_url}/recaudo/")
        assert self.page.is_disabled("text=Consultar Productos")  # enabled only once the document is known
        self.page.select_option("#tipo_documento", kind)
        self.page.fill("#numero_documento", number)
        self.shot("identificacion")
        self.click_and_wait("#buscar")

    def consult_products(self) -> None:
        self.shot("saludo")
        self.click_and_wait("#consultar")
        self.shot("codigo-de-seguridad")

    def enter_code(self, code: str, next_page: str = "productos") -> None:
        self.page.fill("#codigo_seguridad", code)
        self.click_and_wait("#aceptar")
        self.shot(next_page)

    def verified(self) -> None:
        self.identify()
        self.consult_products()
        self.enter_code(self.code())

    # -- steps 6–9 ---------------------------------------------------------------------------------
    def choose(self, type_code: str, number: str, kind: str, amount: str = "") -> None:
        row = f"tr[data-producto='{type_code}-{number}']"
        self.page.check(f"{row} input[value='{kind}']")
        if amount:
            self.page.fill(f"{row} input.valor", amount)

    def continue_to_payer(self) -> None:
        self.shot("productos-elegidos")
        self.click_and_wait("#continuar")

    def continue_to_detail(self) -> None:
        self.shot("pagador")
        self.click_and_wait("#continuar")
        self.shot("detalle")

    def start_transaction(self, description: str) -> None:
        self.page.fill("#descripcion", description)
        self.page.check("#terminos")
        self.shot("detalle-completo")
        self.click_and_wait("#iniciar")
        self.page.wait_for_load_state()
        self.shot("pasarela")

    # -- steps 10–15 on the gateway, PSE and the bank -------------------------------------------------
    def pay_through_pse(self, bank_button: str = "Pay") -> None:
        self.page.check("#terminos")
        self.page.check("#fp-pse")
        self.page.check("#persona-natural")
        self.page.select_option("#banco", "1022")
        self.shot("pasarela-pse")
        self.click_and_wait("#pagar")
        self.page.fill("#email", REGISTERED_PSE_PAYER)
        self.shot("pse")
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Ir al Banco").click()
        for selector, value in (("#account-agency", "0012"), ("#account-number", "40012345678"), ("#password", "1234")):
            if self.page.locator(selector).count():
                self.page.fill(selector, value)
        self.shot("banco")
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=bank_button, exact=True).click()
        self.page.wait_for_load_state()
        self.shot("comprobante")

    def back_to_portal(self) -> None:
        self.click_and_wait("#regresar")
        self.shot("resultado")

    # -- the simulator around it -------------------------------------------------------------------
    def advance_clock(self, seconds: int) -> None:
        json_post(self.base_url, "/_sim/clock/advance", {"segundos": seconds})

    def gateway_payment(self, identifier: str) -> dict:
        return json_get(self.base_url, f"/_sim/payments/{urllib.parse.quote(identifier)}")
