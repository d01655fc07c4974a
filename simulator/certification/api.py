"""The certification reports under /_sim/certificacion: the JSON grading, the Spanish HTML report with each
payment's timeline, and the guided rehearsal's page. Errors are JSON problems (simulator/control/problems.py)."""
from __future__ import annotations

from dataclasses import asdict

from aiohttp import web

from domain.certification.catalogue import grade, passed
from domain.certification.finding import Finding
from domain.certification.record import Rehearsal
from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from simulator.certification.models import CertificacionOut, rule_out
from simulator.certification.reading import merchant_requests, payments_of, rehearsal_of
from simulator.certification.result_pages import fetch_result_pages
from simulator.certification.scenarios import SCENARIOS
from simulator.certification.timeline import WIDTH, timelines
from simulator.control.problems import problem
from simulator.web.templating import render
from simulator.world import World

YES = ("1", "si", "sí", "true")


def _number(request: web.Request, name: str, required: bool) -> int:
    text = request.query.get(name)
    if text is None or text == "":
        if required:
            raise DomainError(f"Falta el parámetro '{name}' (el número del comercio)")
        return 0
    value = ascii_int(text, 18)
    if value is None:
        raise DomainError(f"'{name}' debe ser un número entero no negativo")
    return value


def _own_origin(request: web.Request) -> str:
    """This server as the socket it answered on (never the Host header a client sent): where a relative return
    URL (`/recaudo/retorno`) points."""
    sockname = request.transport.get_extra_info("sockname") if request.transport is not None else None
    if not sockname:
        return "http://127.0.0.1"
    host = str(sockname[0])
    host = f"[{host}]" if ":" in host else host
    return f"{request.scheme}://{host}:{sockname[1]}"


class CertificationApi:
    def __init__(self, world: World):
        self.world = world

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/certificacion", self.report_json),
            web.get("/_sim/certificacion/informe", self.report_page),
            web.get("/_sim/certificacion/", self.rehearsal_page),
        ]

    async def _graded(self, request: web.Request) -> tuple[Rehearsal, list[Finding], int] | web.Response:
        merchant_id = _number(request, "comercio", required=True)
        since = _number(request, "desde", required=False)
        journal = self.world.journal
        if journal is None or journal.mode != "full":
            return problem(409, "Diario incompleto", "La certificación lee los cuerpos de las solicitudes: inicie "
                           "el simulador con --journal full (el valor por defecto)")
        merchant = self.world.store.merchants.get(merchant_id)
        if merchant is None:
            return problem(404, "Comercio no encontrado", f"No existe el comercio {merchant_id}")
        journal.flush()
        requests = merchant_requests(journal.journal, merchant_id, since)
        payments = payments_of(self.world.store, merchant_id, requests)
        pages = None
        if request.query.get("paginas", "").lower() in YES:
            pages = await fetch_result_pages(merchant, payments, _own_origin(request))
        record = rehearsal_of(merchant, requests, payments, pages)
        return record, grade(record), since

    async def report_json(self, request: web.Request) -> web.Response:
        graded = await self._graded(request)
        if isinstance(graded, web.Response):
            return graded
        record, findings, since = graded
        body = CertificacionOut(comercio=record.merchant_id, desde=since, aprobada=passed(findings),
                                reglas=[rule_out(f) for f in findings])
        return web.json_response(text=body.model_dump_json())

    async def report_page(self, request: web.Request) -> web.Response:
        graded = await self._graded(request)
        if isinstance(graded, web.Response):
            return graded
        record, findings, since = graded
        return render(request, "sim/certificacion_informe.html", record=record, findings=findings,
                      approved=passed(findings), since=since, timelines=timelines(record, findings), width=WIDTH,
                      now=self.world.clock.now())

    async def rehearsal_page(self, request: web.Request) -> web.Response:
        merchant = request.query.get("comercio", "")
        return render(request, "sim/certificacion.html", scenarios=SCENARIOS, now=self.world.clock.now(),
                      merchant=merchant if ascii_int(merchant, 18) is not None else "",
                      steps=[[asdict(step) for step in s.steps] for s in SCENARIOS])
