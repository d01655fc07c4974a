"""Reading ZonaPAGOS answers: elements of a SOAP body, the attempts of `str_res_pago`, the legal states."""
from __future__ import annotations

from lxml import etree

# int_estado_pago codes ZonaPAGOS reports (zonapagos-ws.md §11), and those a payment does not leave by itself.
LEGAL_STATES = frozenset({"1", "777", "888", "999", "1000", "1001", "4000", "4001", "4003"})
FINAL_STATES = frozenset({"1", "777", "1000", "1001", "4000", "4003"})
APPROVED = "1"
REJECTED = "1000"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def soap_values(body: bytes, namespace: str, *elements: str) -> dict[str, str | None]:
    """The text of the first `{namespace}element` of a SOAP answer for each element, parsed once ('' when empty,
    None when absent)."""
    root = etree.fromstring(body, _PARSER)
    values: dict[str, str | None] = {}
    for element in elements:
        found = root.find(f".//{{{namespace}}}{element}")
        values[element] = None if found is None else (found.text or "")
    return values


def answer_values(response, namespace: str, *elements: str) -> dict[str, str | None] | None:
    """`soap_values` of a Locust response (`catch_response=True`); None, with the request marked failed, when
    it is not a 200 or not XML."""
    if response.status_code != 200:
        response.failure(f"HTTP {response.status_code}")
        return None
    try:
        return soap_values(response.content, namespace, *elements)
    except etree.XMLSyntaxError as error:
        response.failure(f"not XML: {error}")
        return None


def split_attempts(res_pago: str) -> list[list[str]]:
    """str_res_pago → attempts → fields; accepts the padded (`a | b | ; |`) and compact forms."""
    attempts = []
    for piece in res_pago.split(";"):
        fields = [f.strip() for f in piece.strip().strip("|").split("|")]
        if len(fields) >= 2:
            attempts.append(fields)
    return attempts
