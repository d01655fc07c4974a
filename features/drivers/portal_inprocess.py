"""The recaudo portal's step vocabulary on the in-process target: the use cases of domain/recaudo/usecases on
memory repositories, the seeded cooperative in memory, the simulator's inbox as OTP channel and the
project's ZonaPAGOS client answered in-process (features/drivers/inprocess.py)."""
from __future__ import annotations

import asyncio
import re
import uuid

from adapters.core_banking.memory import MemoryCoreBanking
from adapters.core_banking.seed import fixed_associates
from adapters.storage.recaudo_memory import MemoryPortalPayments, MemoryRecaudoSessions, MemorySondaLock
from domain.shared.errors import DomainError
from domain.shared.otp import OtpLocked, OtpPolicy
from domain.recaudo.usecases import visit as steps
from domain.recaudo.usecases.payment import PaymentBlocked, start_transaction
from features.drivers.inprocess import BASE_URL, InProcessDriver, InProcessSoap
from simulator.bootstrap import DEMO_CONTACTS, portal_ports

CODE = re.compile(r"código de seguridad para RedCoop Pagos PSE es (\d{6})")
CLOSED = "Su consulta fue cerrada. Puede iniciar una nueva cuando lo desee."


class InProcessPortal:
    """One associate's visit; every answer is what the use case says, messages are the domain's own."""

    def __init__(self, gateway_driver: InProcessDriver):
        world = gateway_driver.world
        self.world = world
        self.advance_clock = gateway_driver.advance_clock
        ports = portal_ports(
            BASE_URL, world.clock, world.notifier,
            core=MemoryCoreBanking([a for a, _ in fixed_associates(world.clock.now().date())]),
            sessions=MemoryRecaudoSessions(), payments=MemoryPortalPayments(), sonda_lock=MemorySondaLock(),
            ids=world.store.ids, form_secret=lambda candidate: candidate, soap=InProcessSoap(world),
        )
        self.core, self.sessions, self.payments = ports.core, ports.sessions, ports.payments
        self.channel = ports.otp_channel
        self.policy = OtpPolicy()
        self.contacts = DEMO_CONTACTS
        self.gateway = ports.gateway_factory(None)
        self.visit = ""
        self._message = ""
        self._greeting = ""
        self._reasons: dict = {}
        self._amounts: dict = {}
        self._total = ""
        self.payment_url = ""

    def _run(self, action) -> bool:
        """Run a use case; a refusal becomes the message the page would show."""
        try:
            action()
        except DomainError as refused:
            self._message = refused.message
            return False
        self._message = ""
        return True

    # steps 2–4
    def identify(self, kind: str, number: str) -> None:
        self.visit = uuid.uuid4().hex
        self._greeting = ""

        def identify():
            session = steps.identify_associate(kind, number, self.visit, self.core, self.sessions, self.world.clock)
            self._greeting = session.associate.greeting
        self._run(identify)

    def greeting(self) -> str:
        return self._greeting

    def consult_enabled(self) -> bool:
        return bool(self._greeting) and not self._message

    def message(self) -> str:
        return self._message

    def consult(self) -> bool:
        return self._run(lambda: steps.request_security_code(self.visit, self.sessions, self.channel,
                                                             self.world.store.ids, self.world.clock, self.policy))

    def inbox(self, to: str) -> list[dict]:
        return [{"canal": m.channel, "cuerpo": m.body, "asunto": m.subject}
                for m in self.world.store.notifications.messages_for(to)]

    def destinations(self) -> str:
        return " ".join(steps.code_status(self.visit, self.sessions, self.world.clock).destinations)

    # step 5
    def enter_code(self, code: str) -> bool:
        def check() -> None:
            try:
                steps.check_security_code(self.visit, code, self.sessions, self.world.clock)
            except OtpLocked:
                self.visit = uuid.uuid4().hex  # a lock ends the visit, as the page does
                raise
        return self._run(check)

    def resend(self) -> bool:
        return self._run(lambda: steps.resend_security_code(self.visit, self.sessions, self.channel,
                                                            self.world.store.ids, self.world.clock, self.policy))

    def close(self) -> None:
        steps.close_session(self.visit, self.sessions)
        self._message = CLOSED

    def session_open(self) -> bool:
        try:
            steps.load_session(self.visit, self.sessions, self.world.clock)
        except DomainError:
            return False
        return True

    # step 6
    def products(self) -> dict[str, tuple[str, str]]:
        offers = steps.products_to_choose(self.visit, self.sessions, self.world.clock)
        return {offer.product.masked_name: offer.key for offer in offers}

    def choose(self, lines: list[tuple[str, str, str]]) -> bool:
        keys = self.products()
        inputs = [steps.ChoiceInput(*keys[name], kind, amount) for name, kind, amount in lines]
        self._reasons = {}
        try:
            selection = steps.choose_products(self.visit, inputs, self.sessions, self.world.clock)
        except steps.ProductsRefused as refused:
            self._message, self._reasons = refused.message, refused.reasons
            self._total = sum_text(refused.amounts.values())
            return False
        except DomainError as refused:
            self._message = refused.message
            return False
        self._message, self._total = "", selection.total().format()
        return True

    def new_visit(self) -> None:
        """Another visit: identifying again gives it its own session id."""
        self.visit = ""

    def reasons(self) -> str:
        return " ".join(self._reasons.values())

    def total(self) -> str:
        return self._total

    # step 7
    def set_payer(self, depositor: dict[str, str] | None) -> bool:
        data = None if depositor is None else steps.DepositorInput(
            depositor.get("tipo_documento", ""), depositor.get("numero_documento", ""), depositor.get("nombres", ""),
            depositor.get("apellidos", ""), depositor.get("correo", ""), depositor.get("celular", ""))
        def submit() -> None:
            try:
                steps.set_payer(self.visit, data, self.sessions, self.world.clock)
            except steps.PayerRefused as refused:  # the page shows each field's message beside the summary
                raise DomainError(" ".join([refused.message, *refused.errors.values()])) from refused
        return self._run(submit)

    # steps 8–9
    def detail(self) -> dict:
        detail = steps.payment_detail(self.visit, self.sessions, self.payments, self.world.clock)
        payer = detail.session.payer
        return {"producto": detail.product, "referencia": detail.reference, "total": detail.total.format(),
                "lineas": [(line.product.masked_name, line.amount.format()) for line in detail.lines],
                "pagador": f"{payer.full_name} · {payer.document.type.label} {payer.document.number}"}

    def start(self, description: str, terms: bool) -> bool:
        async def start():
            return await start_transaction(self.visit, description, terms, self.sessions, self.payments,
                                           self.gateway, self.core, self.world.clock, self.contacts)
        try:
            payment = asyncio.run(start())
        except DomainError as refused:
            self._message = refused.message
            self._blocked = refused.message if isinstance(refused, PaymentBlocked) else ""
            return False
        self._message, self._blocked = "", ""
        self.payment_url = payment.payment_url
        return True

    def ach_notice(self) -> str:
        return getattr(self, "_blocked", "")


def sum_text(amounts) -> str:
    from domain.shared.money import Money, total
    return total(list(amounts)).format() if amounts else Money.zero().format()
