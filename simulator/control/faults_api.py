"""Control API for fault/latency injection and the request journal."""
from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from ports.sim_state import FaultRule, Journal, JournalEntry
from simulator.control.endpoint import Call, Endpoint, Page, PageQuery
from simulator.control.faults import FaultInjector, FaultKind


class FaultIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    operacion: str = Field(min_length=1, max_length=200,
                           description='Operación SOAP, prefijo de ruta ("/ruta") o "*" para todas')
    tipo: FaultKind
    retraso_ms: int = Field(0, ge=0, le=600_000)
    retraso_max_ms: int = Field(0, ge=0, le=600_000)
    probabilidad: float = Field(1.0, ge=0.0, le=1.0)
    cantidad: int | None = Field(None, ge=1, le=10_000_000, description="Veces que se aplica; sin límite si falta")


class FaultOut(BaseModel):
    id: int
    operacion: str
    tipo: FaultKind
    retraso_ms: int
    retraso_max_ms: int
    probabilidad: float
    cantidad: int | None = Field(description="Aplicaciones que le quedan; null: sin límite")

    @classmethod
    def of(cls, rule: FaultRule) -> FaultOut:
        return cls(id=rule.id, operacion=rule.operation, tipo=FaultKind(rule.kind), retraso_ms=rule.delay_ms,
                   retraso_max_ms=rule.delay_max_ms, probabilidad=rule.probability, cantidad=rule.remaining)


class Removed(BaseModel):
    eliminada: int


class FaultsQuery(PageQuery):
    desde: int | None = Field(None, ge=0, le=2**62, description="Cursor: id de la primera regla de la página")


class JournalQuery(PageQuery):
    operacion: str | None = Field(None, max_length=200, description="Solo las llamadas de esta operación o ruta")
    canal: str | None = Field(None, max_length=10, description="soap, http o saliente")
    desde: int | None = Field(None, ge=0, le=2**62,
                              description="Cursor: id de la entrada más reciente de la página (más reciente primero)")


class JournalEntryOut(BaseModel):
    """One exchange the simulated world received, bodies masked."""

    id: int
    fecha: str = Field(description="Hora del simulador (ISO 8601)")
    canal: str = Field(description="soap, http o saliente (las notificaciones del simulador a comercios)")
    operacion: str = Field(description="La operación SOAP o la ruta")
    metodo: str
    ruta: str
    estado_http: int = Field(description="0: conexión cortada (falla inyectada o cliente)")
    duracion_ms: float
    remoto: str
    solicitud: str = Field(description="Cuerpo de la solicitud, con secretos enmascarados")
    respuesta: str = Field(description="Cuerpo de la respuesta, enmascarado")
    id_solicitud: str = Field(description="El X-Request-Id de la solicitud (también en sus líneas de log)")

    @classmethod
    def of(cls, row: tuple[int, JournalEntry]) -> JournalEntryOut:
        row_id, e = row
        return cls(id=row_id, fecha=e.at, canal=e.channel, operacion=e.operation, metodo=e.method, ruta=e.path,
                   estado_http=e.status, duracion_ms=e.duration_ms, remoto=e.remote, solicitud=e.request,
                   respuesta=e.response, id_solicitud=e.request_id)


class FaultsAndJournalApi:
    def __init__(self, faults: FaultInjector, journal: Journal, flush_journal):
        self.faults = faults
        self.journal = journal
        self.flush_journal = flush_journal

    def endpoints(self) -> list[Endpoint]:
        tag = ("fallas y diario",)
        return [
            Endpoint("GET", "/_sim/faults", "Reglas de fallas y latencia (por id)", self.list_faults,
                     answer=FaultOut, query=FaultsQuery, paged=True, tags=tag),
            Endpoint("POST", "/_sim/faults", "Agregar una regla", self.add_fault, answer=FaultOut, body=FaultIn,
                     status=201, tags=tag),
            Endpoint("DELETE", "/_sim/faults", "Quitar todas las reglas", self.clear_faults, answer=list[FaultOut],
                     tags=tag),
            Endpoint("DELETE", "/_sim/faults/{rule_id}", "Quitar una regla", self.remove_fault, answer=Removed,
                     errors=(404,), path_doc={"rule_id": "Id de la regla"}, tags=tag),
            Endpoint("GET", "/_sim/journal", "Diario de solicitudes (cuerpos enmascarados), más reciente primero",
                     self.read_journal, answer=JournalEntryOut, query=JournalQuery, paged=True, tags=tag),
            Endpoint("DELETE", "/_sim/journal", "Vaciar el diario", self.clear_journal, answer=list[JournalEntryOut],
                     tags=tag),
        ]

    async def list_faults(self, call: Call) -> Page[FaultOut]:
        start, limit = call.query.desde or 0, call.query.limite
        rules = [r for r in self.faults.rules.list() if r.id >= start]
        return Page.of(rules, limit, FaultOut.of, lambda r: str(r.id))

    async def add_fault(self, call: Call) -> FaultOut:
        body: FaultIn = call.body
        return FaultOut.of(self.faults.rules.add(FaultRule(
            id=0, operation=body.operacion, kind=body.tipo.value, delay_ms=body.retraso_ms,
            delay_max_ms=body.retraso_max_ms, probability=body.probabilidad, remaining=body.cantidad)))

    async def clear_faults(self, call: Call) -> list[FaultOut]:
        self.faults.rules.clear()
        return []

    async def remove_fault(self, call: Call) -> Removed:
        text = call.path["rule_id"]
        rule_id = int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
        if rule_id is None or not self.faults.rules.remove(rule_id):
            raise web.HTTPNotFound(text="Regla no encontrada")
        return Removed(eliminada=rule_id)

    async def read_journal(self, call: Call) -> Page[JournalEntryOut]:
        self.flush_journal()  # what this process holds pending becomes visible first
        query: JournalQuery = call.query
        rows = self.journal.query(operation=query.operacion or None, channel=query.canal or None,
                                  before_id=None if query.desde is None else query.desde + 1,
                                  limit=query.limite + 1)
        return Page.of(rows, query.limite, JournalEntryOut.of, lambda r: str(r[0]))

    async def clear_journal(self, call: Call) -> list[JournalEntryOut]:
        self.flush_journal()
        self.journal.clear()
        return []
