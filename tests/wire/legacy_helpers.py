"""Raw SOAP bodies for the legacy operations: inicio_pagoV3/V4 and verificar_pago_v3."""
from __future__ import annotations

from lxml import etree

from tests.wire.soap_helpers import SOAP11, START_PATH, Answer, inicio_body, post

VERIFY_V3_PATH = "/ws_verificar_pagos/Service.asmx"
VERIFY_V3_NS = "http://www.zonapagos.com/ws_verificar_pagos"


def inicio_version_body(version: str, reference: str, extra: str = "", **kwargs) -> str:
    """inicio_pagoV3 or V4 (`version` "V3"/"V4"): V2's 21 elements, then `extra` (the version's own)."""
    body = inicio_body(reference, **kwargs).replace("inicio_pagoV2", f"inicio_pago{version}")
    return body.replace(f"</inicio_pago{version}>", f"{extra}</inicio_pago{version}>")


def strings_xml(name: str, items: list[str | None]) -> str:
    inner = "".join('<string xsi:nil="true" />' if i is None else f"<string>{i}</string>" for i in items)
    return f'<{name} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{inner}</{name}>'


def start_version(url: str, version: str, reference: str, extra: str = "", **kwargs) -> Answer:
    return post(url + START_PATH, inicio_version_body(version, reference, extra, **kwargs))


def verify_v3_body(reference: str, key: str = "clave-inicio", merchant: str = "1001", prefix: str = "ns1",
                   res_pagos: str = "<{p}res_pagos_v3/>", byref: bool = True) -> str:
    """As PHP SoapClient sends it: prefixed, all six parameters (the ByRef ones empty) unless `byref=False`."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{VERIFY_V3_NS}"' if prefix else f'xmlns="{VERIFY_V3_NS}"'
    tail = (res_pagos.format(p=p) + f"<{p}int_error>0</{p}int_error><{p}str_error></{p}str_error>") if byref else ""
    return (
        f'<SOAP-ENV:Envelope xmlns:SOAP-ENV="{SOAP11}"><SOAP-ENV:Body><{p}verificar_pago_v3 {xmlns}>'
        f"<{p}str_id_pago>{reference}</{p}str_id_pago><{p}int_id_tienda>{merchant}</{p}int_id_tienda>"
        f"<{p}str_id_clave>{key}</{p}str_id_clave>{tail}</{p}verificar_pago_v3></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    )


def verify_v3(url: str, reference: str, **kwargs) -> Answer:
    return post(url + VERIFY_V3_PATH, verify_v3_body(reference, **kwargs))


def records_of(answer: Answer) -> list[dict[str, str]]:
    """The `pagos_v3` records of a verificar_pago_v3 answer, each as {element: text}, in order."""
    found = [el for el in answer.root.iter(f"{{{VERIFY_V3_NS}}}res_pagos_v3")]
    if not found:
        return []
    return [{etree.QName(child).localname: child.text or "" for child in record} for record in found[0]]


def record_names(answer: Answer) -> list[list[str]]:
    [array] = answer.root.iter(f"{{{VERIFY_V3_NS}}}res_pagos_v3")
    return [[etree.QName(child).localname for child in record] for record in array]
