"""Control API for fault/latency injection and the request journal."""
from __future__ import annotations


from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from ports.sim_state import FaultRule, Journal
from simulator.control.problems import read_json
from simulator.control.faults import FaultInjector, FaultKind


class FaultIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    operacion: str = Field(min_length=1, max_length=200)  # SOAP operation, "/path/prefix" or "*"
    tipo: FaultKind
    retraso_ms: int = Field(0, ge=0, le=600_000)
    retraso_max_ms: int = Field(0, ge=0, le=600_000)
    probabilidad: float = Field(1.0, ge=0.0, le=1.0)
    cantidad: int | None = Field(None, ge=1, le=10_000_000)


def fault_json(rule: FaultRule) -> dict:
    return {"id": rule.id, "operacion": rule.operation, "tipo": rule.kind, "retraso_ms": rule.delay_ms,
            "retraso_max_ms": rule.delay_max_ms, "probabilidad": rule.probability, "cantidad": rule.remaining}


def _int_query(request: web.Request, name: str, default: int, upper: int) -> int:
    text = request.query.get(name)
    if text is None:
        return default
    value = ascii_int(text, len(str(upper)))
    if value is None or value > upper:
        raise DomainError(f"'{name}' debe ser un entero entre 0 y {upper}")
    return value


class FaultsAndJournalApi:
    def __init__(self, faults: FaultInjector, journal: Journal, flush_journal):
        self.faults = faults
        self.journal = journal
        self.flush_journal = flush_journal

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/faults", self.list_faults),
            web.post("/_sim/faults", self.add_fault),
            web.delete("/_sim/faults", self.clear_faults),
            web.delete("/_sim/faults/{rule_id}", self.remove_fault),
            web.get("/_sim/journal", self.read_journal),
            web.delete("/_sim/journal", self.clear_journal),
        ]

    async def list_faults(self, request: web.Request) -> web.Response:
        return web.json_response([fault_json(r) for r in self.faults.rules.list()])

    async def add_fault(self, request: web.Request) -> web.Response:
        try:
            body = FaultIn.model_validate(await read_json(request))
        except ValidationError as error:
            first = error.errors()[0]
            raise DomainError(f"Campo '{'.'.join(map(str, first['loc']))}' no válido: {first['msg']}") from None
        rule = self.faults.rules.add(FaultRule(
            id=0, operation=body.operacion, kind=body.tipo.value, delay_ms=body.retraso_ms,
            delay_max_ms=body.retraso_max_ms, probability=body.probabilidad, remaining=body.cantidad))
        return web.json_response(fault_json(rule), status=201)

    async def clear_faults(self, request: web.Request) -> web.Response:
        self.faults.rules.clear()
        return web.json_response([])

    async def remove_fault(self, request: web.Request) -> web.Response:
        text = request.match_info["rule_id"]
        rule_id = ascii_int(text)
        if rule_id is None or not self.faults.rules.remove(rule_id):
            raise web.HTTPNotFound(text="Regla no encontrada")
        return web.json_response({"eliminada": rule_id})

    async def read_journal(self, request: web.Request) -> web.Response:
        self.flush_journal()  # what this process holds pending becomes visible first
        rows = self.journal.query(
            operation=request.query.get("operacion") or None, channel=request.query.get("canal") or None,
            after_id=_int_query(request, "desde", 0, 2**62), limit=_int_query(request, "limite", 100, 1000))
        return web.json_response([{"id": row_id, **entry._asdict()} for row_id, entry in rows])

    async def clear_journal(self, request: web.Request) -> web.Response:
        self.flush_journal()
        self.journal.clear()
        return web.json_response([])
