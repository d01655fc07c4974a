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


def split_attempts(res_pago: str) -> list[list[str]]:
    """str_res_pago → attempts → fields; accepts the padded (`a | b | ; |`) and compact forms."""
    attempts = []
    for piece in res_pago.split(";"):
        fields = [f.strip() for f in piece.strip().strip("|").split("|")]
        if len(fields) >= 2:
            attempts.append(fields)
    return attempts
