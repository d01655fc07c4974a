"""What the journal keeps of a request body: a re-serialisation of the decoded message with its secrets
masked, never the bytes the client sent.

A SOAP body is kept as the parsed document written back out (UTF-8 text whatever the encoding it came in,
CDATA as text, no comments, no DTD — the parser refuses those), its secret elements masked by contract
(simulator/soap/contract.py `Secret`). A form is kept as its decoded fields (percent-encoded names read as the
page reads them) re-encoded, secret fields masked. A body that cannot be decoded or parsed is kept as metadata
only: size, content type and SHA-256. Card numbers keep their last four digits; the card-number net of
simulator/control/masking.py then runs over the re-serialised text for free-text fields.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from urllib.parse import quote

from lxml import etree

from simulator.control.masking import mask_cards
from simulator.soap.contract import Secret

HIDDEN = "****"

# Form fields of the simulated pages (and the fallback for XML bodies no endpoint parsed) whose value is
# secret. Every contract-flagged SOAP secret is here too (a test keeps them in step).
FORM_SECRETS: dict[str, Secret] = {
    "numero_tarjeta": Secret.LAST_FOUR, "card_number": Secret.LAST_FOUR,
    "codigo_seguridad": Secret.WHOLE,  # the card's CVV on the gateway page, the OTP on the portal and Coopcentral
    "cvv": Secret.WHOLE, "clave": Secret.WHOLE, "password": Secret.WHOLE, "contrasena": Secret.WHOLE,
    "respuesta": Secret.WHOLE, "respuesta_seguridad": Secret.WHOLE,  # PSE registration's security answer
    "str_pwd_comercio": Secret.WHOLE, "str_id_clave": Secret.WHOLE, "id_clave": Secret.WHOLE, "otp": Secret.WHOLE,
    "str_clave": Secret.WHOLE,  # the REST start's password (Apis_CicloPago InformacionSeguridad)
}


NO_SECRETS: Mapping[str, Secret] = MappingProxyType({})  # a service whose messages carry no secret of their own


def hidden(value: str, secret: Secret) -> str:
    """`****`, or a card number's last four digits after a star for every other character."""
    if secret is Secret.LAST_FOUR:
        digits = "".join(ch for ch in value if ch.isascii() and ch.isdigit())
        return "*" * max(len(digits) - 4, 0) + digits[-4:] if len(digits) > 4 else HIDDEN
    return HIDDEN


def _lowered(secrets: Mapping[str, Secret]) -> dict[str, Secret]:
    return {name.lower(): secret for name, secret in secrets.items()}


_BY_NAME: dict[frozenset[tuple[str, Secret]], tuple[dict[str, Secret], dict[str, Secret | None]]] = {}
_TAG_MEMO_SIZE = 512  # tags come from clients: bound what a service's memo keeps


def _secret_names(secrets: Mapping[str, Secret]) -> tuple[dict[str, Secret], dict[str, Secret | None]]:
    """The lowered secret names of a service (FORM_SECRETS with its contract's) and a memo of the secret each
    qualified tag seen so far names: built once per set of secret names, not once per request. Keyed by the
    names themselves, so a caller that builds its mapping anew each time (the fallback's `{}`) reuses one entry
    instead of adding one per request."""
    key = frozenset(secrets.items())
    cached = _BY_NAME.get(key)
    if cached is None:
        cached = _BY_NAME[key] = (_lowered({**FORM_SECRETS, **secrets}), {})
    return cached


def soap_view(root: etree._Element, secrets: Mapping[str, Secret]) -> str:
    """The parsed document written back out, each secret element's whole content masked (in place: call it
    once the request no longer needs the tree). An element is secret when its local name, in any case, is
    one of FORM_SECRETS or the contract's secrets."""
    by_name, memo = _secret_names(secrets)
    for element in root.iter(etree.Element):
        tag = element.tag  # "{namespace}local" or "local": the local name is what follows the last "}"
        secret = memo.get(tag, memo)
        if secret is memo:
            secret = by_name.get(tag[tag.rfind("}") + 1:].lower())
            if len(memo) >= _TAG_MEMO_SIZE:
                memo.clear()
            memo[tag] = secret
        if secret is not None:
            value = "".join(element.itertext())
            for child in list(element):
                element.remove(child)
            element.text = hidden(value, secret)
    return mask_cards(etree.tostring(root, encoding="unicode"))


_FIELD_NAME = re.compile(r"[A-Za-z0-9_.\-\[\]]{1,100}")


def form_view(fields: Iterable[tuple[str, object]], secrets: Mapping[str, Secret] = FORM_SECRETS) -> str:
    """The decoded form re-encoded (`name=value&…`), secret fields masked, uploaded files named only. A field
    whose name is no form field's (a JSON or XML text posted as a form, say, which the form parser splits at its
    `&` and `=`) is kept as its sizes only: its name and value may be pieces of a secret the parser cut apart."""
    by_name = _lowered(secrets)
    parts = []
    for name, value in fields:
        text = value if isinstance(value, str) else "[archivo]"
        if not _FIELD_NAME.fullmatch(name):
            parts.append(quote(f"[campo no legible: nombre de {len(name)} caracteres, valor de {len(text)}]",
                               safe="[]"))
            continue
        secret = by_name.get(name.lower())
        parts.append(f"{quote(name)}={quote(hidden(text, secret) if secret else text, safe='*[]')}")
    return mask_cards("&".join(parts))


def json_view(data: object, secrets: Mapping[str, Secret] = FORM_SECRETS) -> str:
    """A decoded JSON body written back out (compact, UTF-8 text), every property named as a secret masked at any
    depth (names in any case, as the REST API binds them), then the card-number net over the text."""
    by_name = _lowered(secrets)

    def masked(value: object) -> object:
        if isinstance(value, dict):
            return {key: hidden(str(item), by_name[key.lower()]) if key.lower() in by_name and item is not None
                    else masked(item) for key, item in value.items()}
        if isinstance(value, list):
            return [masked(item) for item in value]
        return value

    return mask_cards(json.dumps(masked(data), ensure_ascii=False, separators=(",", ":"), default=str))


def opaque_view(body: bytes, content_type: str) -> str:
    """A body the simulator could not decode: what it was, never what it said."""
    digest = hashlib.sha256(body).hexdigest()
    return f"[cuerpo no legible: {len(body)} bytes, {content_type or 'sin tipo'}, sha256 {digest}]"
