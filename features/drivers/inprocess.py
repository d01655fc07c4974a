"""The in-process target: the simulated world on MemoryStore and a FixedClock, no socket, no process.

The project's own ZonaPAGOS clients run unchanged; only their SOAP caller is replaced by one that
hands the request to the simulator's operation handlers (contract codec in, use case, codec out), so a
scenario meets the same rules, answers and parsing as over the wire, in milliseconds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from adapters.clock import FixedClock
from adapters.storage.memory import MemoryStore
from adapters.zonapagos.soap import SOAP11, request_body
from domain.shared.payment_states import PaymentMethod, PaymentState
from features.drivers.wire import WireDriver
from ports.payment_gateway import GatewayUnreachable
from domain.gateway.usecases.force import force_outcome
from simulator.bootstrap import bootstrap
from simulator.soap.envelope import SoapFault
from simulator.soap import codec
from simulator.zonapagos.contracts import ALL_SERVICES

BASE_URL = "http://pasarela.en-proceso"  # only ever a string: nothing listens here
T0_ISO = "2026-11-23T10:00:00-05:00"


class InProcessWorld:
    """The simulator's state for one scenario, built by the composition root on fakes: a seeded memory store,
    a fixed clock, ACH, every operation handler."""

    def __init__(self) -> None:
        self.store = MemoryStore()
        self.clock = FixedClock(datetime.fromisoformat(T0_ISO))
        built = bootstrap(store=self.store, clock=self.clock, seed=True)
        self.notifier = built.world.notifier
        self.pse = built.ach
        self.handlers = built.handlers


class InProcessSoap:
    """SoapCaller's interface, answered by the handlers: request and response still go through the contract."""

    _parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

    def __init__(self, world: InProcessWorld):
        self.world = world

    async def call(self, url: str, namespace: str, operation: str, params: list[tuple[str, Any]]) -> dict[str, str]:
        path = urlsplit(url).path.lower()
        service = next((s for s in ALL_SERVICES if s.path.lower() == path and s.namespace == namespace), None)
        contract = service.operation(operation) if service else None
        if contract is None:
            raise GatewayUnreachable(f"no hay operación {operation} en {path}")
        envelope = etree.fromstring(request_body(namespace, operation, params), self._parser)
        element = envelope.find(f"{{{SOAP11}}}Body/{{{namespace}}}{operation}")
        try:
            inputs = codec.decode(contract, namespace, element)
        except SoapFault as fault:
            raise GatewayUnreachable(f"SOAP Fault: {fault}") from None
        outputs = self.world.handlers[operation](inputs)
        answer = etree.fromstring(codec.encode(contract, namespace, outputs).encode(), self._parser)
        return {etree.QName(child).localname: (child.text or "") for child in answer if isinstance(child.tag, str)}


@dataclass
class InProcessDriver(WireDriver):
    """WireDriver's vocabulary on the in-process world: the same clients, the handlers instead of HTTP."""

    url: str = BASE_URL
    world: InProcessWorld = field(default_factory=InProcessWorld)

    def _soap(self, session) -> InProcessSoap:
        return InProcessSoap(self.world)

    def force_state(self, identifier: str, state: int, method: str = "") -> None:
        chosen = PaymentMethod.CARD if method in ("tarjeta", "card") else None
        force_outcome(int(identifier), PaymentState(state), self.world.store, self.world.clock, chosen)

    def advance_clock(self, seconds: int) -> None:
        self.world.clock.advance(seconds)

    def inbox(self, to: str) -> list[dict]:
        return [{"asunto": m.subject, "cuerpo": m.body} for m in self.world.store.notifications.messages_for(to)]
