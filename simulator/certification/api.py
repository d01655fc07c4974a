"""The certification reports under /_sim/certificacion: the JSON grading, the Spanish HTML report with each
payment's timeline, and the guided rehearsal's page, as typed control endpoints (simulator/control/endpoint.py;
the two pages are documented as text/html). Errors are JSON problems (simulator/control/problems.py)."""
from __future__ import annotations

from dataclasses import asdict

from aiohttp import web

from domain.certification.catalogue import grade, passed
from domain.certification.finding import Finding
from domain.certification.record import Rehearsal
from domain.shared.digits import ascii_int
from simulator.certification.models import CertificacionOut, CertificacionQuery, EnsayoQuery, rule_out
from simulator.certification.reading import merchant_requests, payments_of, rehearsal_of
from simulator.certification.result_pages import fetch_result_pages
from simulator.certification.scenarios import SCENARIOS
from simulator.certification.timeline import WIDTH, timelines
from simulator.control.endpoint import Call, Endpoint
from simulator.control.problems import problem
from simulator.web.origin import own_origin
from simulator.web.templating import render
from simulator.world import World


class CertificationApi:
    def __init__(self, world: World):
        self.world = world

    def endpoints(self) -> list[Endpoint]:
        tag = ("certificacion",)
        return [
            Endpoint("GET", "/_sim/certificacion", "Calificar la integración de un comercio con las reglas de "
                     "certificación (zonapagos-ws.md §10, §15; pse.md §4)", self.report_json,
                     answer=CertificacionOut, query=CertificacionQuery, errors=(404, 409), tags=tag),
            Endpoint("GET", "/_sim/certificacion/informe", "Informe de certificación (página), con la línea de "
                     "tiempo de cada pago", self.report_page, query=CertificacionQuery, errors=(404, 409),
                     html=True, tags=tag),
            Endpoint("GET", "/_sim/certificacion/", "Ensayo guiado de la certificación (página)", self.rehearsal_page,
                     query=EnsayoQuery, html=True, tags=tag),
        ]

    async def _graded(self, call: Call) -> tuple[Rehearsal, list[Finding], int] | web.Response:
        query: CertificacionQuery = call.query
        journal = self.world.journal
        if journal is None or journal.mode != "full":
            return problem(409, "Diario incompleto", "La certificación lee los cuerpos de las solicitudes: inicie "
                           "el simulador con --journal full (el valor por defecto)")
        merchant = self.world.store.merchants.get(query.comercio)
        if merchant is None:
            return problem(404, "Comercio no encontrado", f"No existe el comercio {query.comercio}")
        journal.flush()
        requests = merchant_requests(journal.journal, query.comercio, query.desde)
        payments = payments_of(self.world.store, query.comercio, requests)
        pages = await fetch_result_pages(merchant, payments, own_origin(call.request)) if query.paginas else None
        record = rehearsal_of(merchant, requests, payments, pages)
        return record, grade(record), query.desde

    async def report_json(self, call: Call) -> CertificacionOut | web.Response:
        graded = await self._graded(call)
        if isinstance(graded, web.Response):
            return graded
        record, findings, since = graded
        return CertificacionOut(comercio=record.merchant_id, desde=since, aprobada=passed(findings),
                                reglas=[rule_out(f) for f in findings])

    async def report_page(self, call: Call) -> web.Response:
        graded = await self._graded(call)
        if isinstance(graded, web.Response):
            return graded
        record, findings, since = graded
        return render(call.request, "sim/certificacion_informe.html", record=record, findings=findings,
                      approved=passed(findings), since=since, timelines=timelines(record, findings), width=WIDTH,
                      now=self.world.clock.now())

    async def rehearsal_page(self, call: Call) -> web.Response:
        merchant = call.query.comercio
        return render(call.request, "sim/certificacion.html", scenarios=SCENARIOS, now=self.world.clock.now(),
                      merchant=merchant if ascii_int(merchant, 18) is not None else "",
                      steps=[[asdict(step) for step in s.steps] for s in SCENARIOS])
