"""What the journal keeps of a request: the decoded message re-serialised with its secrets masked by contract,
whatever the encoding, CDATA, comments or percent-encoding the client used; metadata only when undecodable."""
from __future__ import annotations

import hashlib

import pytest

from simulator.control.journal_view import FORM_SECRETS, form_view, opaque_view, soap_view
from simulator.soap.contract import Secret
from simulator.soap.envelope import SoapFault, parse_request
from simulator.zonapagos.contracts import ALL_SERVICES
from simulator.zonapagos.contracts.tokens import TOKENTC_SERVICE

PAN, CVV, PASSWORD = "4539148803436467", "518", "clave-v4"
TOKENTC = ('<?xml version="1.0" encoding="{encoding}"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/'
           'envelope/"><soap:Body><Tokentc_crear xmlns="http://www.zonapagos.com/tokenizaciontc"><clave>{password}'
           "</clave><numero_tarjeta>{pan}</numero_tarjeta><codigo_seguridad>{cvv}</codigo_seguridad>"
           "<email>ana@ejemplo.co</email></Tokentc_crear></soap:Body></soap:Envelope>")


def view_of(body: bytes) -> str:
    root = parse_request(body).operation.getroottree().getroot()
    return soap_view(root, TOKENTC_SERVICE.secrets)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
@pytest.mark.parametrize(("pan", "cvv"), [
    (PAN, CVV),
    ("4539<!---->148803436467", "<![CDATA[518]]>"),  # a comment splitting the number, the CVV as CDATA
    ("4539<![CDATA[1488]]>03436467", "5<!-- -->18"),
])
def test_card_data_and_passwords_never_reach_the_journal_in_any_encoding(encoding, pan, cvv):
    text = TOKENTC.format(encoding=encoding.split("-le")[0], password=PASSWORD, pan=pan, cvv=cvv)
    kept = view_of(text.encode(encoding))
    assert PAN not in kept and PASSWORD not in kept and ">518<" not in kept
    assert "<numero_tarjeta>************6467</numero_tarjeta>" in kept
    assert "<codigo_seguridad>****</codigo_seguridad>" in kept and "<clave>****</clave>" in kept
    assert "<email>ana@ejemplo.co</email>" in kept  # what is not secret stays readable


def test_a_card_number_in_free_text_keeps_its_last_four_and_references_stay():
    body = TOKENTC.format(encoding="utf-8", password="x", pan=PAN, cvv=CVV).replace(
        "<email>ana@ejemplo.co</email>", "<descripcion_pago>con 4111111111111111</descripcion_pago>"
                                          "<id_pago>4111111111111111</id_pago>")
    kept = view_of(body.encode())
    assert "con ************1111" in kept and "<id_pago>4111111111111111</id_pago>" in kept


def test_forms_are_kept_as_the_page_decoded_them_with_secrets_masked():
    # aiohttp decodes percent-encoded names: `numero%5Ftarjeta` reaches the page (and the journal) as numero_tarjeta
    fields = [("numero_tarjeta", "4111 1111 1111 1111"), ("codigo_seguridad", "123"), ("respuesta", "Firulais"),
              ("nombre", "ANA MARÍA")]
    kept = form_view(fields)
    assert kept == "numero_tarjeta=************1111&codigo_seguridad=****&respuesta=****&nombre=ANA%20MAR%C3%8DA"


def test_a_field_no_form_has_is_kept_as_its_sizes_only():
    # a JSON text posted as a form: the parser cut it at "=" and "&" into a name and a value holding the password
    fields = [('{"str_pwd_Comercio":"sec', 'reto","x":1}'), ("nombre", "ANA")]
    kept = form_view(fields)
    assert "sec" not in kept and "reto" not in kept and kept.endswith("&nombre=ANA")
    assert "campo%20no%20legible" in kept


def test_an_undecodable_body_is_kept_as_metadata_only():
    body = TOKENTC.format(encoding="utf-8", password=PASSWORD, pan=PAN, cvv=CVV).encode("utf-16")[:-7]
    with pytest.raises(SoapFault):
        parse_request(body)
    kept = opaque_view(body, "text/xml; charset=utf-16")
    assert kept == f"[cuerpo no legible: {len(body)} bytes, text/xml; charset=utf-16, sha256 {hashlib.sha256(body).hexdigest()}]"


def test_every_secret_the_contracts_flag_is_also_a_fallback_secret():
    """Bodies no endpoint parsed (fault injection, another service) are masked by the fallback names."""
    flagged = {name.lower(): secret for service in ALL_SERVICES for name, secret in service.secrets.items()}
    assert flagged and all(FORM_SECRETS.get(name) is secret for name, secret in flagged.items())
