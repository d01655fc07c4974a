"""The simulator's dashboard at /_sim/: payments by state over time, requests per second and latency by
operation, recent errors and the fault rules in effect, drawn on the server (simulator/dashboard_svg.py);
filters by merchant (`comercio`) and operation (`operacion`) as query parameters; the page refreshes its
sections from /_sim/tablero.json every two seconds (simulator/static/tablero.js), or every ten without script.
"""
from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from aiohttp import web
from markupsafe import Markup
from pydantic import BaseModel, Field

from simulator.control.endpoint import ENDPOINTS, Call, Endpoint
from simulator.control.faults_api import FaultOut
from simulator.dashboard_figures import (WINDOW_S, operation_figures, payments_over_time, recent_errors,
                                         state_totals, traffic)
from simulator.dashboard_svg import latency_chart, payments_chart, rate_chart, traffic_chart
from simulator.openapi import openapi_document
from simulator.web.templating import render, render_text
from simulator.world import World

# What a refresh reads, kept small because it runs on the event loop that serves the SOAP path (measured in
# tests/unit/simulator/test_dashboard_figures.py); and for how long one computation serves every viewer.
PAYMENTS_READ = 1000  # the newest payments the charts count
JOURNAL_READ = 2000  # the newest journal entries (without bodies) the charts count
FRESH_FOR_S = 1.0
CACHED_VIEWS = 16
SECTIONS = ("resumen", "pagos", "solicitudes", "errores", "recientes")


class DashboardQuery(BaseModel):
    comercio: int | None = Field(None, ge=1, le=999_999_999, description="Solo los pagos de este comercio")
    operacion: str | None = Field(None, max_length=200, description="Solo las solicitudes de esta operación o ruta")


class DashboardPageQuery(BaseModel):
    """The page reads its filters itself: a filter it cannot use is a Spanish line on the page, not a problem."""

    comercio: str | None = Field(None, description="Solo los pagos de este comercio (su id)")
    operacion: str | None = Field(None, description="Solo las solicitudes de esta operación o ruta")


class StateCount(BaseModel):
    estado: int
    texto: str
    cantidad: int


class OperationOut(BaseModel):
    operacion: str
    solicitudes: int = Field(description="Entre las últimas entradas del diario leídas")
    por_segundo: float = Field(description=f"Solicitudes por segundo en los últimos {WINDOW_S} s")
    p50_ms: float
    p95_ms: float
    max_ms: float


class ErrorOut(BaseModel):
    id: int
    fecha: str
    operacion: str
    estado_http: int
    duracion_ms: float


class DashboardOut(BaseModel):
    ahora: datetime
    comercio: int | None
    operacion: str | None
    total_pagos: int
    pagos_por_estado: list[StateCount]
    operaciones: list[OperationOut]
    errores: list[ErrorOut]
    fallas: list[FaultOut]
    secciones: dict[str, str] = Field(description="El HTML de cada sección del tablero, dibujado en el servidor")


def dashboard_view(world: World, comercio: int | None, operacion: str | None) -> dict[str, Any]:
    """Everything the page and its JSON show, from one read of payments and one of the journal."""
    now = world.clock.now()
    summaries = world.store.payments.summaries(PAYMENTS_READ, comercio)
    metrics = []
    if world.journal is not None:
        world.journal.flush()
        metrics = world.journal.journal.metrics(JOURNAL_READ)
    chosen = [m for m in metrics if m.operation == operacion] if operacion else metrics
    totals = state_totals(summaries)
    width, buckets = payments_over_time(summaries, now)
    operations = operation_figures(chosen, now)
    return {
        "now": now, "comercio": comercio, "operacion": operacion, "summaries": summaries, "totals": totals,
        "width": width, "buckets": buckets, "operations": operations, "errors": recent_errors(chosen),
        "faults": world.faults.rules.list() if world.faults is not None else [],
        "operation_names": sorted({m.operation for m in metrics}), "merchants": world.store.merchants.list(),
        "charts": {"pagos": payments_chart(width, buckets, totals), "rps": rate_chart(operations),
                   "latencia": latency_chart(operations), "trafico": traffic_chart(traffic(chosen, now))},
        "payments": world.store.payments.list_recent(15, None) if comercio is None else
        [p for p in world.store.payments.list_recent(200) if p.merchant_id == comercio][:15],
        "inbox": world.store.notifications.recent(10), "latest": chosen[:10],
        "per_second": round(sum(o.per_second for o in operations), 2),
        "approved": sum(1 for s in summaries if s.state.is_approved),
    }


def sections(view: dict[str, Any], token: str) -> dict[str, Markup]:
    """Each section's HTML; `token` (when it came in the query string) is kept in the links."""
    return {name: Markup(render_text(f"sim/tablero/{name}.html", token=token, **view)) for name in SECTIONS}


def dashboard_endpoints(world: World) -> list[Endpoint]:
    computed: dict[tuple[int | None, str | None], tuple[float, dict[str, Any]]] = {}

    def view_of(comercio: int | None, operacion: str | None) -> dict[str, Any]:
        """One computation a second per filter for the periodic refreshes, however many dashboards are open."""
        key, clock = (comercio, operacion), time.monotonic()
        found = computed.get(key)
        if found is None or clock - found[0] >= FRESH_FOR_S:
            if len(computed) >= CACHED_VIEWS:
                computed.clear()
            found = computed[key] = (clock, dashboard_view(world, comercio, operacion))
        return found[1]

    async def dashboard(call: Call) -> web.Response:
        query: DashboardPageQuery = call.query
        text, notice = (query.comercio or "").strip(), ""
        merchant = int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None
        if text and merchant is None:
            notice = "El comercio del filtro debe ser su número (id_comercio): se muestran todos."
        view = dashboard_view(world, merchant or None, (query.operacion or "").strip()[:200] or None)  # as of now
        token = call.request.query.get("token", "")
        return render(call.request, "sim/tablero.html", secciones=sections(view, token), token=token, aviso=notice,
                      **view)

    async def figures(call: Call) -> DashboardOut:
        query: DashboardQuery = call.query
        view = view_of(query.comercio, query.operacion)
        return DashboardOut(
            ahora=view["now"], comercio=query.comercio, operacion=query.operacion, total_pagos=len(view["summaries"]),
            pagos_por_estado=[StateCount(estado=int(s), texto=s.label, cantidad=c) for s, c in view["totals"]],
            operaciones=[OperationOut(operacion=o.operation, solicitudes=o.requests, por_segundo=o.per_second,
                                      p50_ms=o.p50_ms, p95_ms=o.p95_ms, max_ms=o.max_ms) for o in view["operations"]],
            errores=[ErrorOut(id=e.id, fecha=e.at, operacion=e.operation, estado_http=e.status,
                              duracion_ms=e.duration_ms) for e in view["errors"]],
            fallas=[FaultOut.of(rule) for rule in view["faults"]],
            secciones={name: str(html) for name, html in sections(view, call.request.query.get("token", "")).items()})

    async def openapi(call: Call) -> dict[str, Any]:
        return openapi_document(call.request.app[ENDPOINTS])

    tag = ("tablero",)
    return [Endpoint("GET", "/_sim/", "Tablero: pagos por estado, solicitudes y latencia, errores y fallas",
                     dashboard, query=DashboardPageQuery, html=True, tags=tag),
            Endpoint("GET", "/_sim/tablero.json", "Las cifras del tablero y el HTML de sus secciones (refresco)",
                     figures, answer=DashboardOut, query=DashboardQuery, tags=tag),
            Endpoint("GET", "/_sim/openapi.json", "Este documento", openapi, answer=dict[str, Any], tags=tag)]
