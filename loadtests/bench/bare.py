"""The floors of a stateful verify and of a durable start: bare aiohttp apps that do only what any
verify, or any start, must do.

    python -m loadtests.bench.bare --port P --db FILE [--mode verify|start]

Per request: the body read, the DOCTYPE refusal and a hardened lxml parse, the reference and merchant
taken from the operation element, one indexed SELECT of the payment and its attempts in the
simulator's SQLite file (read-only), and an answer filled into a fixed template (escaped). Nothing else:
no credentials, no field validation, no journal, no shared-state checks, no domain rules, and a
`str_res_pago` that only lists attempt number and state. It is what issue 8 calls "a bare lxml parse +
indexed SQLite lookup + templated response": the benchmark measures it beside the ceiling and the
simulator, so the cost of what the simulator adds shows on the same machine in the same run.

`--mode start` is the start's floor, issue 8's "bare WAL insert path": the same read and parse, the
merchant, id_pago and total taken from the operation, one INSERT committed in its own transaction to a
table of its own in FILE (WAL, `synchronous=NORMAL`: what survives a killed process, as the simulator's
file), and a template with the new row's id as `inicio_pagoV2Result`.
Not a product path: nothing outside the benchmark uses it.
"""
from __future__ import annotations

import argparse
import re
import sqlite3
from pathlib import Path
from typing import Callable

from aiohttp import web
from lxml import etree

from loadtests.bench.reference_server import post_app, run

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


START_NS = "http://www.zonapagos.com"
_START_TAGS = {f"{{{START_NS}}}id_tienda": "merchant", f"{{{START_NS}}}id_pago": "reference",
               f"{{{START_NS}}}total_con_iva": "total"}
_START_HEAD = _HEAD.split("<soap:Body>")[0] + f'<soap:Body><inicio_pagoV2Response xmlns="{START_NS}"><inicio_pagoV2Result>'
_START_TAIL = "</inicio_pagoV2Result></inicio_pagoV2Response></soap:Body></soap:Envelope>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _operation(body: bytes) -> etree._Element | None:
    if _DOCTYPE.search(body):
        return None
    try:
        return etree.fromstring(body, _PARSER)[0][0]
    except (etree.XMLSyntaxError, IndexError):
        return None


def _answering(answer: Callable[[etree._Element], str]) -> web.Application:
    """POST: the operation element parsed (or 500), then `answer`'s text as the response."""
    headers = {"Content-Type": "text/xml; charset=utf-8"}

    async def handle(request: web.Request) -> web.Response:
        operation = _operation(await request.read())
        if operation is None:
            return web.Response(status=500, text="unreadable")
        return web.Response(body=answer(operation).encode("utf-8"), headers=headers)
    return post_app(handle)


def create_app(db: Path) -> web.Application:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)

    def verify(operation: etree._Element) -> str:
        values = {_TAGS[child.tag]: child.text or "" for child in operation if child.tag in _TAGS}
        rows = conn.execute(_SELECT, (int(values.get("merchant") or 0), values.get("reference", ""))).fetchall()
        listing = _escape(" | ".join(f"{number} ; {state}" for number, state in rows))
        return (f"{_HEAD}<int_error>{0 if rows else -1}</int_error><str_detalle />"
                f"<int_cantidad_pagos>{len(rows)}</int_cantidad_pagos><str_res_pago>{listing}</str_res_pago>{_TAIL}")
    return _answering(verify)


def create_start_app(db: Path) -> web.Application:
    conn = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)  # autocommit: one commit each
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS bare_payments (id INTEGER PRIMARY KEY, merchant INTEGER NOT NULL,"
                 " reference TEXT NOT NULL, total TEXT NOT NULL, UNIQUE (merchant, reference))")

    def start(operation: etree._Element) -> str:
        values = {_START_TAGS[child.tag]: child.text or "" for child in operation if child.tag in _START_TAGS}
        try:
            row_id = conn.execute("INSERT INTO bare_payments (merchant, reference, total) VALUES (?, ?, ?)",
                                  (int(values.get("merchant") or 0), values.get("reference", ""),
                                   values.get("total", ""))).lastrowid
        except sqlite3.IntegrityError:
            return f"{_START_HEAD}-1 id_pago repetido{_START_TAIL}"
        return f"{_START_HEAD}{row_id}{_START_TAIL}"
    return _answering(start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.bare", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True,
                        help="verify: the simulator's SQLite file, with seeded payments; start: a file of its own")
    parser.add_argument("--mode", choices=["verify", "start"], default="verify")
    args = parser.parse_args(argv)
    app = create_app(args.db) if args.mode == "verify" else create_start_app(args.db)
    run(app, args.host, args.port, f"bare {args.mode} ({args.db})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
