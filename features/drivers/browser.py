"""The browser driver: Debian's Chromium through Playwright, as a merchant's payer walks the pages.

Never `playwright install`: Playwright's own browser download does not work here, and Debian's
Chromium is what the tests drive. Every page visited is saved as a screenshot under
reports/screenshots/<test>/<nn>-<page>.png (reports/ is the run's artifact folder).
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "reports" / "screenshots"
TIMEOUT_MS = 10_000


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} no existe (apt-get install -y chromium; ./dev test lo instala)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "falta Playwright para Python (.venv/bin/pip install 'playwright>=1.45,<2')"
    return None


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium (a Playwright Browser) for the duration of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def chromium_or_skip(skip_text: str) -> Iterator[object]:
    """For a fixture: Chromium for the block, or the test skipped with `skip_text` and the reason.

    Fixtures using it should be module-scoped: while Playwright's sync API is open it keeps an event
    loop running on this thread, which other modules' asyncio code must not meet."""
    import pytest

    reason = chromium_missing_reason()
    if reason:
        pytest.skip(f"{skip_text}: {reason}")
    with chromium() as browser:
        yield browser


def shot_folder(test_name: str) -> Path:
    return SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_")[:120]


@dataclass
class PayerBrowser:
    """One payer in a fresh browser context, on the simulator at `base_url`."""

    page: object  # playwright.sync_api.Page
    base_url: str
    shots: Path
    count: int = field(default=0)

    @classmethod
    @contextmanager
    def open(cls, browser, base_url: str, test_name: str) -> Iterator[PayerBrowser]:
        context = browser.new_context(locale="es-CO", viewport={"width": 1000, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        folder = shot_folder(test_name)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        try:
            yield cls(context.new_page(), base_url, folder)
        finally:
            context.close()

    def shot(self, name: str) -> Path:
        """Save the page as reports/screenshots/<test>/<nn>-<name>.png."""
        self.count += 1
        path = self.shots / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def text(self, selector: str) -> str:
        return self.page.inner_text(selector).strip()

    @property
    def url(self) -> str:
        return self.page.url

    # -- ZonaPAGOS' payment page -------------------------------------------------------------------

    def open_payment(self, identifier: str, route: str = "t_demo") -> None:
        self.page.goto(f"{self.base_url}/{route}/pago.asp?estado_pago=iniciar_pago&identificador={identifier}")
        self.shot("pasarela-pago")

    def accept_terms(self) -> None:
        self.page.check("#terminos")

    def choose_pse(self, person: str = "natural") -> None:
        self.page.check("#fp-pse")
        self.page.check("#persona-natural" if person == "natural" else "#persona-juridica")

    def choose_bank(self, code: str) -> None:
        self.page.select_option("#banco", code)

    def choose_card(self, number: str, expiry: str, cvv: str, installments: str = "1", name: str = "NICK RIVERA") -> None:
        self.page.check("#fp-tarjeta")
        self.page.fill("#numero_tarjeta", number)
        self.page.fill("#fecha_vencimiento", expiry)
        self.page.fill("#codigo_seguridad", cvv)
        self.page.select_option("#cuotas", installments)
        self.page.fill("#nombre_tarjeta", name)

    def pay(self, next_page: str) -> None:
        """Press "Pagar" and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.click("#pagar")
        self.shot(next_page)

    def message(self) -> str:
        """The Spanish message the gateway shows above its form."""
        return self.text("#mensaje")

    # -- PSE and the bank --------------------------------------------------------------------------

    def pse_email(self, email: str) -> None:
        """PSE's page: type the registered e-mail and "Ir al Banco"."""
        self.page.fill("#email", email)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Ir al Banco").click()
        self.shot("banco")

    def bank_account(self, agency: str = "0012", account: str = "40012345678", password: str = "1234") -> None:
        """The test bank's simulated account data (any digits; ACH does not check them for 1022)."""
        for selector, value in (("#account-agency", agency), ("#account-number", account), ("#password", password)):
            if self.page.locator(selector).count():
                self.page.fill(selector, value)

    def bank_button(self, label: str, next_page: str = "pasarela-comprobante") -> None:
        """The bank's page: type the account, press Pay, Cancel or Debug Sonda and follow the redirects back."""
        self.bank_account()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=label, exact=True).click()
        self.page.wait_for_load_state()
        self.shot(next_page)

    # -- the receipt -------------------------------------------------------------------------------

    def back_to_merchant(self) -> None:
        with self.page.expect_navigation():
            self.page.click("#regresar")
        self.shot("comercio-retorno")
