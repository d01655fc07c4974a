"""Where the simulator's time goes per request, stage by stage, in process (no HTTP).

    .venv/bin/python -m loadtests.bench.stages [--payments 2000] [--iterations 3000] [--cpu 0]

Builds the real handlers through the composition root (`bootstrap` on a SqliteStore in a temporary file,
a StoredOffsetClock, the demo seed), seeds payments through `AsmxEndpoint.answer` exactly as the
benchmark does through HTTP, then times each stage of verificar_pago_v4 and inicio_pagoV2 with the
project's own functions on precomputed inputs: µs per call, best of five rounds. The end-to-end
`AsmxEndpoint.answer()` time is measured too; what the stages do not add up to is glue (dict
building, the guard, the dispatch). What HTTP costs (aiohttp and asyncio) is what the ceiling of
`python -m loadtests.bench` spends per request: its "CPU/request" column.

When the simulator has them (they came with `--workers`), the per-request work outside `answer()` is
timed too: the clock offset and fault-rule version read from the shared SQLite file, and the request
journal (masking both bodies, the batched INSERT).
"""
from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Callable

from adapters.clock import StoredOffsetClock
from adapters.storage.records import (
    ATTEMPT_COLUMNS, MERCHANT_COLUMNS, PAYMENT_COLUMNS, attempt_from_row, attempt_row, merchant_from_row,
    payment_from_row, payment_row,
)
from adapters.storage.sqlite import SqliteStore
from domain.gateway.magic_values import forced_outcome_for
from domain.gateway.payment import Attempt, Payment, StateChange
from domain.shared.payment_states import PaymentState
from loadtests.soap_bodies import inicio_pago_v2, verificar_pago_v4
from domain.gateway.resolution import WorldTimeouts, apply_magic_at_start, settle_due
from domain.gateway.amounts import amount as _money
from simulator.bootstrap import bootstrap
from simulator.soap.asmx import AsmxEndpoint
from simulator.soap.envelope import envelope, parse_request
from simulator.soap import codec
from simulator.zonapagos.contracts.inicio import INICIO_PAGO_V2, START_SERVICE
from simulator.zonapagos.contracts.verificar_v4 import VERIFICAR_PAGO_V4, VERIFY_V4_SERVICE
from simulator.zonapagos.operations.common import check_wire_rules
from simulator.zonapagos.operations.inicio import command_from
from simulator.zonapagos.res_pago import attempt_fields, encode_attempts

VERIFY_CREDENTIALS = dict(int_id_comercio=1001, str_usr_comercio="usuario-v4", str_pwd_Comercio="clave-v4")


def per_call_us(fn: Callable[[], object], iterations: int, rounds: int = 5) -> float:
    """µs per call of `fn`: the best round's mean (the least disturbed by the rest of the machine)."""
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        started = time.thread_time_ns()
        for _ in range(iterations):
            fn()
        best = min(best, (time.thread_time_ns() - started) / iterations / 1000)
    return best


def cycling(items: list) -> Callable[[], object]:
    return itertools.cycle(items).__next__


def shared_state_stages(store: SqliteStore, clock, bodies: list[tuple[bytes, bytes]],
                        n: int) -> list[tuple[str, float]]:
    """Work the HTTP handler does around answer() in simulators that have a shared state and a journal."""
    results: list[tuple[str, float]] = []
    try:
        from adapters.clock import StoredOffsetClock
        from adapters.storage.journal_sqlite import SqliteJournal
        from adapters.storage.sim_state import SqliteFaultRules
        from ports.sim_state import JournalEntry
        from simulator.control.faults import FaultInjector
        from simulator.control.journal_view import soap_view
        from simulator.control.masking import mask_response
        from simulator.soap.envelope import parse_request
    except ImportError:
        return results
    if isinstance(clock, StoredOffsetClock):
        results.append(("shared state: clock offset read (StoredOffsetClock.now)", per_call_us(clock.now, n)))
    faults = FaultInjector(SqliteFaultRules(store.conn))
    results.append(("shared state: fault rules version (FaultInjector.has_rules)", per_call_us(faults.has_rules, n)))
    pairs = cycling(bodies)

    def masking():  # the request is parsed again here; on the served path the endpoint's parse is reused
        request, response = pairs()
        soap_view(parse_request(request).operation.getroottree().getroot(), VERIFY_V4_SERVICE.secrets)
        mask_response(response.decode("utf-8", "replace"))
    results.append(("journal: render the masked request view (parse + re-serialise) and mask the answer",
                    per_call_us(masking, n)))
    journal = SqliteJournal.beside(store.path)
    request, response = bodies[0]
    entry = JournalEntry(clock.now().isoformat(), "soap", "op", "POST", "/x.asmx", 200, 1.0, "127.0.0.1",
                         request.decode(), response.decode())
    batch = [entry] * 100
    results.append(("journal: batched INSERT + trim (per entry, batches of 100)",
                    per_call_us(lambda: journal.append(batch), max(n // 100, 10)) / 100))
    return results


def make_clock(store: SqliteStore):
    """The clock `pasarela serve` uses: the offset stored in the database, read through the freshness cache."""
    clock = StoredOffsetClock(store.conn, freshness=store.freshness)
    clock.reset()
    return clock


def verify_stages(store: SqliteStore, endpoint: AsmxEndpoint, clock, refs: list[str],
                  n: int) -> list[tuple[str, float]]:
    ns = VERIFY_V4_SERVICE.namespace
    bodies = [verificar_pago_v4(**VERIFY_CREDENTIALS, str_id_pago=r).encode() for r in refs]
    parsed = [parse_request(b) for b in bodies]
    decoded = [codec.decode(VERIFICAR_PAGO_V4, ns, p.operation) for p in parsed]
    conn = store.conn
    merchant_sql = f"SELECT {', '.join(MERCHANT_COLUMNS)} FROM merchants WHERE id = ?"
    payment_sql = f"SELECT {', '.join(PAYMENT_COLUMNS)} FROM payments WHERE merchant_id = ? AND reference = ?"
    attempts_sql = f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempts WHERE identifier = ? ORDER BY number"
    merchant_row = conn.execute(merchant_sql, (1001,)).fetchone()
    merchant = merchant_from_row(merchant_row)
    rows = []
    for r in refs:
        prow = conn.execute(payment_sql, (1001, r)).fetchone()
        rows.append((prow, conn.execute(attempts_sql, (prow[0],)).fetchall()))
    payments = [payment_from_row(p, [attempt_from_row(a) for a in arows]) for p, arows in rows]
    outputs = [{"verificar_pago_v4Result": 1, "int_error": 0, "str_detalle": "", "int_cantidad_pagos": 1,
                "str_res_pago": encode_attempts([attempt_fields(p, a) for a in p.attempts], False)}
               for p in payments]
    timeouts = WorldTimeouts()

    nb, np_, nd, nr, npay, nout = (cycling(x) for x in (bodies, parsed, decoded, refs, payments, outputs))
    nrows = cycling(rows)

    def dispatch_decode():
        request = np_()
        op = VERIFY_V4_SERVICE.operation(request.name) if request.namespace == ns else None
        return codec.decode(op, ns, request.operation)

    def payment_sql_stage():
        row = conn.execute(payment_sql, (1001, nr())).fetchone()
        return conn.execute(attempts_sql, (row[0],)).fetchall()

    def json_stage():
        _, arows = nrows()
        for a in arows:
            json.loads(a[7])
            if a[5]:
                json.loads(a[5])

    def building_stage():
        prow, arows = nrows()
        return payment_from_row(prow, [attempt_from_row(a) for a in arows])

    def rules_stage():
        payment = npay()
        now = clock.now()
        forced_outcome_for(payment.total)
        settle_due(payment, now, timeouts, store.ids)
        return [a for a in payment.attempts if -1 in (-1, a.number)]

    def encode_stage():
        payment = npay()
        groups = [attempt_fields(payment, a) for a in payment.attempts]
        encode_attempts(groups, merchant.compact_separators)
        return envelope(parsed[0].soap_ns, codec.encode(VERIFICAR_PAGO_V4, ns, nout()))

    view_encoder = codec.compile_encoder(VERIFICAR_PAGO_V4, ns)
    stages = [
        ("parse (DOCTYPE guard, lxml, find Body)", lambda: parse_request(nb())),
        ("dispatch + decode (codec.decode)", dispatch_decode),
        ("wire rules (check_wire_rules)", lambda: check_wire_rules(VERIFICAR_PAGO_V4, nd())),
        ("credentials: SQL (SELECT merchant)", lambda: conn.execute(merchant_sql, (1001,)).fetchone()),
        ("credentials: Merchant object (merchant_from_row)", lambda: merchant_from_row(merchant_row)),
        ("credentials: check (HMAC-SHA256 + compare_digest)",
         lambda: merchant.accepts_verify_credentials("usuario-v4", "clave-v4")),
        ("read model (the path answer() takes): SELECT the payment's view",
         lambda: store.payments.verification_view(1001, nr())),
        ("read model: encode (codec's compiled encoder, envelope)",
         lambda: envelope(parsed[0].soap_ns, view_encoder(nout()))),
        ("full path (one attempt, due timers, ,06, PSE at ACH): SELECT payment + SELECT attempts", payment_sql_stage),
        ("full path: domain objects (payment_from_row, attempt_from_row)", building_stage),
        ("  of which json history decode (json.loads)", json_stage),
        (f"clock + world rules ({type(clock).__name__}.now, magic, settle_due)", rules_stage),
        ("full path: encode (attempt_fields, str_res_pago, codec.encode, envelope)", encode_stage),
    ]
    results = [(name, per_call_us(fn, n)) for name, fn in stages]
    results.append(("END TO END: AsmxEndpoint.answer()", per_call_us(lambda: endpoint.answer(nb(), None), n)))
    answers = [(b, endpoint.answer(b, None)[1]) for b in bodies[:50]]
    return results + [("  " + name, us) for name, us in shared_state_stages(store, clock, answers, n)]


def start_stages(store: SqliteStore, endpoint: AsmxEndpoint, clock, n: int) -> list[tuple[str, float]]:
    ns = START_SERVICE.namespace
    counter = itertools.count()
    template = inicio_pago_v2(id_tienda=1001, clave="clave-inicio", total_con_iva="20000", valor_iva="0",
                              id_pago="REF")

    def body(tag: str) -> bytes:
        return template.replace("REF", f"{tag}{next(counter)}").encode()

    sample = [body("x") for _ in range(200)]
    parsed = [parse_request(b) for b in sample]
    decoded = [codec.decode(INICIO_PAGO_V2, ns, p.operation) for p in parsed]
    commands = [command_from(d) for d in decoded]
    conn = store.conn
    merchant_sql = f"SELECT {', '.join(MERCHANT_COLUMNS)} FROM merchants WHERE id = ?"
    merchant_row = conn.execute(merchant_sql, (1001,)).fetchone()
    merchant = merchant_from_row(merchant_row)
    now = clock.now()
    payment_sql = f"SELECT {', '.join(PAYMENT_COLUMNS)} FROM payments WHERE merchant_id = ? AND reference = ?"
    insert_payment = f"INSERT INTO payments ({', '.join(PAYMENT_COLUMNS)}) VALUES ({', '.join('?' * len(PAYMENT_COLUMNS))})"
    insert_attempts = (f"INSERT OR REPLACE INTO attempts ({', '.join(ATTEMPT_COLUMNS)}) "
                       f"VALUES ({', '.join('?' * len(ATTEMPT_COLUMNS))})")
    nb, np_, nd, nc = (cycling(x) for x in (sample, parsed, decoded, commands))

    def build(command, identifier: int, number: int) -> Payment:
        attempt = Attempt(number=number, started_at=now,
                          history=[StateChange(PaymentState.PENDING_START, now, "inicio del pago")])
        payment = Payment(
            identifier=identifier, merchant_id=1001, reference=command.reference, total=_money(command.total, "t"),
            vat=_money(command.vat, "v"), description=command.description, payer=command.payer,
            optional_fields=command.optional_fields, service_code="2701", created_at=now, attempts=[attempt],
        )
        apply_magic_at_start(payment, now, store.ids)
        return payment

    prepared = [build(c, 0, 0) for c in commands]
    npay = cycling(prepared)

    def dispatch_decode():
        request = np_()
        op = START_SERVICE.operation(request.name) if request.namespace == ns else None
        return codec.decode(op, ns, request.operation)

    def validation():
        command = nc()
        total, vat = _money(command.total, "total_con_iva"), _money(command.vat, "valor_iva")
        _ = total.is_zero or vat > total
        any(ch in command.reference for ch in ('|', '"', ";"))
        forced_outcome_for(total)

    def sql_stage():
        reference = f"q{next(counter)}"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(payment_sql, (1001, reference)).fetchone()
        number = store.ids.next_number("attempt")
        identifier = store.ids.next_number("payment")
        payment = npay()
        row = list(payment_row(payment))
        row[0], row[2] = identifier, reference
        conn.execute(insert_payment, row)
        arow = list(attempt_row(identifier, payment.attempts[0]))
        arow[0] = number
        conn.executemany(insert_attempts, [arow])
        conn.execute("COMMIT")

    def rows_stage():
        payment = npay()
        payment_row(payment)
        attempt_row(payment.identifier, payment.attempts[0])

    def json_stage():
        payment = npay()
        json.dumps([[int(c.state), c.at.isoformat(), c.reason] for c in payment.attempts[0].history])

    def encode_stage():
        return envelope(parsed[0].soap_ns, codec.encode(INICIO_PAGO_V2, ns, {"inicio_pagoV2Result": "42751988"}))

    stages = [
        ("parse (DOCTYPE guard, lxml, find Body)", lambda: parse_request(nb())),
        ("dispatch + decode (codec.decode, 21 fields)", dispatch_decode),
        ("wire rules (check_wire_rules)", lambda: check_wire_rules(INICIO_PAGO_V2, nd())),
        ("command (command_from: StartPayment, Payer)", lambda: command_from(nd())),
        ("credentials: SQL (SELECT merchant)", lambda: conn.execute(merchant_sql, (1001,)).fetchone()),
        ("credentials: Merchant object (merchant_from_row)", lambda: merchant_from_row(merchant_row)),
        ("credentials: check (HMAC-SHA256 + compare_digest)", lambda: merchant.accepts_start_password("clave-inicio")),
        ("validation (Money, forbidden characters, magic)", validation),
        (f"clock ({type(clock).__name__}.now)", clock.now),
        ("domain objects (Attempt, Payment, StateChange, magic)", lambda: build(nc(), 0, 0)),
        ("rows (payment_row, attempt_row)", rows_stage),
        ("  of which json history encode (json.dumps)", json_stage),
        ("SQL: BEGIN IMMEDIATE, SELECT, 2 sequences, 2 INSERT, COMMIT", sql_stage),
        ("encode (codec.encode, envelope)", encode_stage),
    ]
    results = [(name, per_call_us(fn, n)) for name, fn in stages]
    results.append(("END TO END: AsmxEndpoint.answer()", per_call_us(lambda: endpoint.answer(body("e"), None), n)))
    answers = [(b, endpoint.answer(b, None)[1]) for b in (body("j") for _ in range(50))]
    return results + [("  " + name, us) for name, us in shared_state_stages(store, clock, answers, n)]


def print_stages(title: str, results: list[tuple[str, float]]) -> None:
    rows: list[tuple[str, float]] = []
    total, after_end = 0.0, False
    for name, us in results:
        if name.startswith("END"):
            rows.append(("sum of the stages (the full path's, in a verify, are not summed)", total))
            after_end = True
        elif not name.startswith(("  ", "full path", "clock + world")):
            total += us
        if after_end and name.startswith("  "):
            name = "outside answer(): " + name.strip()
        rows.append((name, us))
    width = max(len(name) for name, _ in rows)
    print(f"\n{title}\n| {'stage'.ljust(width)} | µs/call |\n|{'-' * (width + 2)}|--------:|")
    for name, us in rows:
        print(f"| {name.ljust(width)} | {us:7.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.stages", description=__doc__.split("\n")[0])
    parser.add_argument("--payments", type=int, default=2000)
    parser.add_argument("--iterations", type=int, default=3000, help="calls per round (5 rounds per stage)")
    parser.add_argument("--cpu", type=int, default=0, help="pin this process to one CPU (-1: do not pin)")
    args = parser.parse_args(argv)
    if args.cpu >= 0 and args.cpu in os.sched_getaffinity(0):
        os.sched_setaffinity(0, {args.cpu})
    with tempfile.TemporaryDirectory(prefix="pasarela-stages-") as tmp:
        store = SqliteStore(Path(tmp) / "stages.sqlite3", random.Random(1))
        clock = make_clock(store)
        handlers = bootstrap(store=store, clock=clock, seed=True).handlers  # the composition root, no HTTP
        start = AsmxEndpoint(START_SERVICE, {op.name: handlers[op.name] for op in START_SERVICE.operations})
        verify = AsmxEndpoint(VERIFY_V4_SERVICE, {op.name: handlers[op.name] for op in VERIFY_V4_SERVICE.operations})
        refs = [f"bench{i:06d}" for i in range(args.payments)]
        for i, ref in enumerate(refs):
            status, answer, _ = start.answer(inicio_pago_v2(
                id_tienda=1001, clave="clave-inicio", total_con_iva="20000.01" if i % 2 == 0 else "20000",
                valor_iva="0", id_pago=ref).encode(), None)
            assert status == 200 and b"<inicio_pagoV2Result>-1" not in answer, answer
        print_stages(f"verificar_pago_v4 ({args.payments} seeded payments, half approved with a PSE trace)",
                     verify_stages(store, verify, clock, refs, args.iterations))
        print_stages("inicio_pagoV2 (a new id_pago per call; SQLite WAL, synchronous=NORMAL)",
                     start_stages(store, start, clock, args.iterations))
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
