"""Raw SOAP bodies of the token services (Tokentc_crear, ZPagoAPTC) for wire tests."""
from __future__ import annotations

import uuid
from xml.sax.saxutils import escape

from tests.wire.soap_helpers import SOAP11, Answer, post

TOKENTC_PATH = "/tokenizaciontc/tokentc.asmx"
TOKENTC_NS = "http://www.zonapagos.com/tokenizaciontc"
APTC_PATH = "/ws_pagoaptc/PagoAPTC.asmx"
APTC_NS = "http://www.zonapagos.com/ws_pagoaptc"


def new_id_pago() -> str:
    """Digits only, as the token services require."""
    return str(uuid.uuid4().int)[:18]


def new_int_id_pago() -> str:
    """ZPagoAPTC's id_pago is an int: 9 digits fit any Int32."""
    return str(100_000_000 + uuid.uuid4().int % 900_000_000)


def _body(operation: str, namespace: str, values: dict[str, str | None]) -> str:
    inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in values.items() if v is not None)
    return (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP11}"><soap:Body>'
            f'<{operation} xmlns="{namespace}">{inner}</{operation}></soap:Body></soap:Envelope>')


def tokentc_body(**changes: str | None) -> str:
    """A Tokentc_crear request that charges 4111… and tokenizes if approved; `changes` replace elements
    (None drops one)."""
    values: dict[str, str | None] = {
        "id_comercio": "1001", "usuario": "usuario-v4", "clave": "clave-v4", "id_cliente": "1033370434",
        "tipo_id": "1", "nombre_cliente": "NICK", "apellido_cliente": "RIVERA CAMINERO",
        "telefono_cliente": "3107126048", "txtcampo1": "afiliado-25", "txtcampo2": "", "txtcampo3": "",
        "email": "nick@example.com", "tipo_tarjeta": "1", "numero_tarjeta": "4111111111111111",
        "fecha_vencimiento": "122030", "nombre_en_tarjeta": "NICK RIVERA", "direccion_ip_cliente": "10.20.30.40",
        "generar_pago": "1", "ban_tokenizar": "1", "total_con_iva": "20000", "valor_iva": "0",
        "id_pago": new_id_pago(), "descripcion_pago": "Cuota de afiliación", "codigo_seguridad": "913",
        "no_cuotas": "1",
    }
    values.update(changes)
    return _body("Tokentc_crear", TOKENTC_NS, values)


NEW = "nuevo"  # a fresh id_pago; None drops the element


def aptc_body(identifier: str, id_pago: str | None = NEW, **changes: str | None) -> str:
    values: dict[str, str | None] = {
        "id_comercio": "1001", "usuario": "usuario-v4", "clave": "clave-v4", "tipo_identificador": "1",
        "identificador": identifier, "id_pago": new_int_id_pago() if id_pago == NEW else id_pago,
        "total_con_iva": "35000",
        "valor_iva": "0", "numero_cuotas": "1", "descripcion_pago": "Cuota mensual",
        "direccion_ip_cliente": "10.20.30.40",
    }
    values.update(changes)
    return _body("ZPagoAPTC", APTC_NS, values)


def tokenize(url: str, **changes: str | None) -> Answer:
    return post(url + TOKENTC_PATH, tokentc_body(**changes))


def charge(url: str, identifier: str, id_pago: str | None = NEW, **changes: str | None) -> Answer:
    return post(url + APTC_PATH, aptc_body(identifier, id_pago, **changes))


def return_list(answer: Answer) -> dict[str, str]:
    codes = answer.value("lista_info_retorno_codigo") or ""
    values = answer.value("lista_info_retorno_valor") or ""
    return dict(zip(codes.split("|"), values.split("|"))) if codes else {}
