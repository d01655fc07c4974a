"""A scripted merchant for the certification rehearsal: the program `pasarela certificar -- <command>` runs once
per step, as a team's own integration would be run. It speaks raw SOAP over HTTP to the simulator and keeps its
payments in a JSON file (MERCHANT_STATE), as a shop keeps them in its database.

MERCHANT_MODE=cumplido: sends the payer data, verifies on every return, polls only pending payments, stops on a
final state, retries with a new id_pago, never starts a second payment of a pending order, stops on refused
credentials. MERCHANT_MODE=descuidado: sends no payer document, never handles the return, and its sonda polls
every payment it knows three times in a row, final or not.

Standard library only: it starts fast (it runs some twenty times per rehearsal)."""
from __future__ import annotations

import json
import os
import re
import sys
import urllib.request
import uuid
from pathlib import Path

START_PATH = "/ws_inicio_pagov2/Zpagos.asmx"
VERIFY_PATH = "/WsVerificarPagoV4/VerificarPagos.asmx"
FINAL = {1, 777, 1000, 1001, 4000, 4003}
START_PASSWORD = os.environ.get("MERCHANT_START_PASSWORD", "clave-inicio-cert")
VERIFY_USER = os.environ.get("MERCHANT_VERIFY_USER", "usuario-cert")
VERIFY_PASSWORD = os.environ.get("MERCHANT_VERIFY_PASSWORD", "clave-v4-cert")


def soap(url: str, body: str) -> str:
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "text/xml; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def value(xml: str, name: str) -> str:
    found = re.search(rf"<(?:\w+:)?{name}>([^<]*)</", xml)
    return found.group(1) if found else ""


def start(base: str, merchant: str, reference: str, description: str, payer: bool) -> str:
    document = "<id_cliente>1020304050</id_cliente><tipo_id>1</tipo_id>" if payer else "<id_cliente></id_cliente>"
    body = (
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
        f'<soap:Body><inicio_pagoV2 xmlns="http://www.zonapagos.com"><id_tienda>{merchant}</id_tienda>'
        f"<clave>{START_PASSWORD}</clave><total_con_iva>50000</total_con_iva><valor_iva>7983</valor_iva>"
        f"<id_pago>{reference}</id_pago><descripcion_pago>{description}</descripcion_pago>"
        f"<email>juan@ejemplo.com</email>{document}<nombre_cliente>Juan</nombre_cliente>"
        "<apellido_cliente>Perez</apellido_cliente><telefono_cliente>3001234567</telefono_cliente>"
        "<codigo_servicio_principal>2701</codigo_servicio_principal><total_codigos_servicio>0</total_codigos_servicio>"
        "</inicio_pagoV2></soap:Body></soap:Envelope>")
    return value(soap(base + START_PATH, body), "inicio_pagoV2Result")


def verify(base: str, merchant: str, reference: str) -> int | None:
    body = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        '<verificar_pago_v4 xmlns="http://www.zonapagos.com/ws_verificar_pagosV4">'
        f"<int_id_comercio>{merchant}</int_id_comercio><str_usr_comercio>{VERIFY_USER}</str_usr_comercio>"
        f"<str_pwd_Comercio>{VERIFY_PASSWORD}</str_pwd_Comercio><str_id_pago>{reference}</str_id_pago>"
        "<int_no_pago>-1</int_no_pago></verificar_pago_v4></soap:Body></soap:Envelope>")
    answer = soap(base + VERIFY_PATH, body)
    if value(answer, "int_error") != "0":
        return None
    attempts = [a for a in value(answer, "str_res_pago").split("| ; |") if a.strip()]
    states = [int(a.split("|")[1].strip()) for a in attempts if len(a.split("|")) > 1]
    return 1 if 1 in states else (states[-1] if states else None)


def step(base: str, merchant: str, scenario: str, name: str, book: dict, careful: bool = True) -> None:
    """One step of the merchant's code; `book` is its database ({"pagos": [...]}), changed in place."""
    payments = book.setdefault("pagos", [])
    order = f"Pedido {scenario}"
    if name in ("inicio", "reintento"):
        pending = [p for p in payments if p["orden"] == order and p["estado"] in (999, 4001)]
        if careful and pending:
            return  # ACH's pending message instead of a second payment
        reference = uuid.uuid4().hex[:16]
        answer = start(base, merchant, reference, order, payer=careful)
        if not answer.startswith("-1"):
            payments.append({"id_pago": reference, "orden": order, "estado": 888})
    elif name == "retorno" and careful and payments:
        payments[-1]["estado"] = verify(base, merchant, payments[-1]["id_pago"]) or payments[-1]["estado"]
    elif name == "sonda":
        for payment in payments:
            if careful and payment["estado"] in FINAL:
                continue
            for _ in range(1 if careful else 3):
                payment["estado"] = verify(base, merchant, payment["id_pago"]) or payment["estado"]


def main() -> int:
    path = Path(os.environ["MERCHANT_STATE"])
    book = json.loads(path.read_text()) if path.exists() else {"pagos": []}
    step(os.environ["PASARELA_URL"], os.environ["PASARELA_COMERCIO"], os.environ["PASARELA_ESCENARIO"],
         os.environ["PASARELA_PASO"], book, careful=os.environ.get("MERCHANT_MODE", "cumplido") == "cumplido")
    path.write_text(json.dumps(book))
    return 0


if __name__ == "__main__":
    sys.exit(main())
