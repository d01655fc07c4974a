#!/usr/bin/env python3
"""A minimal shop for `pasarela certificar` (README, "Rehearsing a certification"): run once per step of the
rehearsal, it does what a shop's checkout, return page and status poller do, over raw SOAP, and keeps its payments
in a JSON file (its "database"). Python's standard library only; copy it and replace each step with your code.

    ./dev serve                                    # in one terminal: the simulator with the demo merchant 1001
    ./dev certificar --comercio 1001 -- python3 docs/ejemplos/tienda_certificacion.py

What it reads: PASARELA_URL, PASARELA_COMERCIO, PASARELA_ESCENARIO, PASARELA_PASO and PASARELA_ENSAYO (set by
`pasarela certificar`); TIENDA_CLAVE_INICIO, TIENDA_USUARIO_V4, TIENDA_CLAVE_V4 (the merchant's credentials, by
default the demo merchant's); TIENDA_ESTADO (its JSON file, by default one per rehearsal in the temp folder)."""
from __future__ import annotations

import json
import os
import re
import tempfile
import urllib.request
import uuid
from pathlib import Path

START = "/ws_inicio_pagov2/Zpagos.asmx"
VERIFY = "/WsVerificarPagoV4/VerificarPagos.asmx"
FINAL = {1, 777, 1000, 1001, 4000, 4003}  # a payment in one of these is never polled again
PENDING = {999, 4001}  # while one is pending, the same order gets ACH's message, not a second payment
ENVELOPE = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope '
            'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>{}</soap:Body></soap:Envelope>')


def soap(url: str, body: str) -> str:
    request = urllib.request.Request(url, data=ENVELOPE.format(body).encode(),
                                     headers={"Content-Type": "text/xml; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def value(xml: str, name: str) -> str:
    found = re.search(rf"<(?:\w+:)?{name}>([^<]*)</", xml)
    return found.group(1) if found else ""


def start(base: str, shop: str, reference: str, order: str) -> bool:
    """inicio_pagoV2 with the payer's document and the VAT; True when the gateway created the payment."""
    answer = soap(base + START, (
        f'<inicio_pagoV2 xmlns="http://www.zonapagos.com"><id_tienda>{shop}</id_tienda>'
        f"<clave>{os.environ.get('TIENDA_CLAVE_INICIO', 'clave-inicio')}</clave>"
        f"<total_con_iva>50000</total_con_iva><valor_iva>7983</valor_iva><id_pago>{reference}</id_pago>"
        f"<descripcion_pago>{order}</descripcion_pago><email>juan@ejemplo.com</email>"
        "<id_cliente>1020304050</id_cliente><tipo_id>1</tipo_id><nombre_cliente>Juan</nombre_cliente>"
        "<apellido_cliente>Perez</apellido_cliente><telefono_cliente>3001234567</telefono_cliente>"
        "<codigo_servicio_principal>2701</codigo_servicio_principal>"
        "<total_codigos_servicio>0</total_codigos_servicio></inicio_pagoV2>"))
    return not value(answer, "inicio_pagoV2Result").startswith("-1")


def state_of(base: str, shop: str, reference: str) -> int | None:
    """verificar_pago_v4: the payment's state (1 when any attempt was approved), None when it could not tell."""
    answer = soap(base + VERIFY, (
        '<verificar_pago_v4 xmlns="http://www.zonapagos.com/ws_verificar_pagosV4">'
        f"<int_id_comercio>{shop}</int_id_comercio>"
        f"<str_usr_comercio>{os.environ.get('TIENDA_USUARIO_V4', 'usuario-v4')}</str_usr_comercio>"
        f"<str_pwd_Comercio>{os.environ.get('TIENDA_CLAVE_V4', 'clave-v4')}</str_pwd_Comercio>"
        f"<str_id_pago>{reference}</str_id_pago><int_no_pago>-1</int_no_pago></verificar_pago_v4>"))
    if value(answer, "int_error") != "0":
        return None
    attempts = [a.split("|") for a in value(answer, "str_res_pago").split("| ; |") if a.strip()]
    states = [int(a[1].strip()) for a in attempts if len(a) > 1 and a[1].strip().isdigit()]
    return 1 if 1 in states else (states[-1] if states else None)


def step(base: str, shop: str, scenario: str, name: str, payments: list[dict]) -> None:
    order = f"Pedido {scenario}"
    if name in ("inicio", "reintento"):  # checkout: a new id_pago for every attempt
        if any(p["orden"] == order and p["estado"] in PENDING for p in payments):
            return
        reference = uuid.uuid4().hex[:16]
        if start(base, shop, reference, order):
            payments.append({"id_pago": reference, "orden": order, "estado": 888})
    elif name == "retorno" and payments:  # the payer came back: ask the gateway, never trust the redirect
        payments[-1]["estado"] = state_of(base, shop, payments[-1]["id_pago"]) or payments[-1]["estado"]
    elif name == "sonda":  # the poller: only payments not final yet, once per run
        for payment in payments:
            if payment["estado"] not in FINAL:
                payment["estado"] = state_of(base, shop, payment["id_pago"]) or payment["estado"]


def main() -> None:
    env = os.environ
    default = Path(tempfile.gettempdir()) / f"tienda-{env['PASARELA_COMERCIO']}-{env.get('PASARELA_ENSAYO', '')}.json"
    path = Path(env.get("TIENDA_ESTADO") or default)
    payments = json.loads(path.read_text() or "[]") if path.exists() else []
    step(env["PASARELA_URL"], env["PASARELA_COMERCIO"], env["PASARELA_ESCENARIO"], env["PASARELA_PASO"], payments)
    path.write_text(json.dumps(payments))


if __name__ == "__main__":
    main()
