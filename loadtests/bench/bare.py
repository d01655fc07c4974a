"""The floor of a stateful verify: a bare aiohttp app that does only what any verify must do.

    python -m loadtests.bench.bare --port P --db FILE

Per request: the body read, the DOCTYPE refusal and a hardened lxml parse, the reference and merchant
taken from the operation element, one indexed SELECT of the payment and its attempts in the
simulator's SQLite file (read-only), and an answer filled into a fixed template (escaped). Nothing else:
no credentials, no field validation, no journal, no shared-state checks, no domain rules, and a
`str_res_pago` that only lists attempt number and state. It is what issue 8 calls "a bare lxml parse +
indexed SQLite lookup + templated response": the benchmark measures it beside the ceiling and the
simulator, so the cost of what the simulator adds shows on the same machine in the same run.
Not a product path: nothing outside the benchmark uses it.
"""
from __future__ import annotations

import argparse
import re
import sqlite3
from pathlib import Path

from aiohttp import web
from lxml import etree

from loadtests.bench.reference_server import run

NS = "http://www.zonapagos.com/ws_verificar_pagosV4"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_SELECT = ("SELECT a.number, a.state FROM payments p JOIN attempts a ON a.identifier = p.identifier "
           "WHERE p.merchant_id = ? AND p.reference = ? ORDER BY a.number")
_HEAD = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"'
         ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
         f'<soap:Body><verificar_pago_v4Response xmlns="{NS}"><verificar_pago_v4Result>1</verificar_pago_v4Result>')
_TAIL = "</verificar_pago_v4Response></soap:Body></soap:Envelope>"
_TAGS = {f"{{{NS}}}int_id_comercio": "merchant", f"{{{NS}}}str_id_pago": "reference"}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def create_app(db: Path) -> web.Application:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    headers = {"Content-Type": "text/xml; charset=utf-8"}

    async def verify(request: web.Request) -> web.Response:
        body = await request.read()
        if _DOCTYPE.search(body):
            return web.Response(status=500, text="DTD is prohibited")
        try:
            operation = etree.fromstring(body, _PARSER)[0][0]
        except (etree.XMLSyntaxError, IndexError):
            return web.Response(status=500, text="unreadable")
        values = {_TAGS[child.tag]: child.text or "" for child in operation if child.tag in _TAGS}
        rows = conn.execute(_SELECT, (int(values.get("merchant") or 0), values.get("reference", ""))).fetchall()
        listing = _escape(" | ".join(f"{number} ; {state}" for number, state in rows))
        answer = (f"{_HEAD}<int_error>{0 if rows else -1}</int_error><str_detalle />"
                  f"<int_cantidad_pagos>{len(rows)}</int_cantidad_pagos><str_res_pago>{listing}</str_res_pago>{_TAIL}")
        return web.Response(body=answer.encode("utf-8"), headers=headers)

    async def health(request: web.Request) -> web.Response:
        return web.Response(text='{"status": "ok"}', content_type="application/json")

    app = web.Application()
    app.router.add_get("/_sim/health", health)
    app.router.add_post("/{tail:.*}", verify)
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.bare", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True, help="the simulator's SQLite file, with seeded payments")
    args = parser.parse_args(argv)
    run(create_app(args.db), args.host, args.port, f"bare verify ({args.db})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
