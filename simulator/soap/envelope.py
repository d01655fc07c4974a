"""Reading SOAP requests safely and writing ASMX-shaped envelopes and faults.

Parsing is hardened: a body with a DOCTYPE is refused before it reaches the parser (no external
entities, no entity expansion, no DTD), and the lxml parser itself resolves nothing and reaches no
network. SOAP 1.1 and 1.2 envelopes are both read; the answer uses the version of the request.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"

CONTENT_TYPES = {
    SOAP11: "text/xml; charset=utf-8",
    SOAP12: "application/soap+xml; charset=utf-8",
}

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
    huge_tree=False, remove_comments=True, remove_pis=True,
)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_UTF8_NAMES = frozenset({"utf-8", "UTF-8", "utf8", "UTF8"})
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=", re.IGNORECASE)


class SoapFault(Exception):
    """A request the service cannot read: answered as a SOAP Fault with HTTP 500, as ASMX does."""

    def __init__(self, reason: str, client_error: bool = True, soap_ns: str = SOAP11):
        super().__init__(reason)
        self.reason = reason
        self.client_error = client_error
        self.soap_ns = soap_ns


@dataclass
class SoapRequest:
    soap_ns: str  # which envelope version the caller used
    operation: etree._Element  # the first element child of Body

    @property
    def namespace(self) -> str:
        tag = self.operation.tag  # "{namespace}name", or "name" when unqualified
        return tag[1:tag.index("}")] if tag[:1] == "{" else ""

    @property
    def name(self) -> str:
        return self.operation.tag.rpartition("}")[2]


def _decode_to_utf8(body: bytes, charset: str | None) -> bytes:
    """lxml honours an XML declaration; a body without one is decoded with the HTTP charset."""
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    if not charset or charset in _UTF8_NAMES:  # nearly every request: nothing to decide
        return body
    if _DECLARED_ENCODING.match(body):
        return body
    if charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return body.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            raise SoapFault("Server was unable to read request. ---> Invalid character in the given encoding.")
    return body


def parse_request(body: bytes, charset: str | None = None) -> SoapRequest:
    """Parse a SOAP 1.1 or 1.2 request and find the operation element. Raises SoapFault."""
    if not body.strip():
        raise SoapFault("Server was unable to process request. ---> Root element is missing.")
    if _DOCTYPE.search(body):
        raise SoapFault(
            "Server was unable to read request. ---> For security reasons DTD is prohibited in this XML document."
        )
    try:
        root = etree.fromstring(_decode_to_utf8(body, charset), _PARSER)
    except etree.XMLSyntaxError as error:
        position = f"Line {error.position[0]}, position {error.position[1]}." if error.position else ""
        raise SoapFault(f"Server was unable to process request. ---> There is an error in XML document. {position}".rstrip())
    except (ValueError, UnicodeDecodeError):
        raise SoapFault("Server was unable to read request. ---> Invalid character in the given encoding.")
    qname = etree.QName(root)
    if qname.localname != "Envelope" or qname.namespace not in (SOAP11, SOAP12):
        raise SoapFault(
            "Server was unable to process request. ---> The root element is not a SOAP 1.1 or 1.2 Envelope."
        )
    soap_ns = qname.namespace
    body_tag = f"{{{soap_ns}}}Body"  # the first Body child, as find() would, without its path machinery
    body_el = next((child for child in root if child.tag == body_tag), None)
    if body_el is None:
        raise SoapFault("Server was unable to process request. ---> The SOAP Body element is missing.", soap_ns=soap_ns)
    for child in body_el:
        if isinstance(child.tag, str):
            return SoapRequest(soap_ns, child)
    raise SoapFault("Server was unable to process request. ---> The SOAP Body is empty.", soap_ns=soap_ns)


def envelope(soap_ns: str, body_xml: str) -> bytes:
    """An ASMX-shaped envelope (prefix `soap`, xsi/xsd declared) around already-escaped body XML."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<soap:Envelope xmlns:soap="{soap_ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f"<soap:Body>{body_xml}</soap:Body></soap:Envelope>"
    ).encode("utf-8")


def fault_envelope(fault: SoapFault) -> bytes:
    """The fault as ASP.NET writes it: soap:Client for unreadable requests, soap:Server otherwise."""
    reason = escape(fault.reason)
    if fault.soap_ns == SOAP12:
        code = "soap:Sender" if fault.client_error else "soap:Receiver"
        body = (
            f"<soap:Fault><soap:Code><soap:Value>{code}</soap:Value></soap:Code>"
            f'<soap:Reason><soap:Text xml:lang="es">{reason}</soap:Text></soap:Reason>'
            "<soap:Detail /></soap:Fault>"
        )
    else:
        code = "soap:Client" if fault.client_error else "soap:Server"
        body = f"<soap:Fault><faultcode>{code}</faultcode><faultstring>{reason}</faultstring><detail /></soap:Fault>"
    return envelope(fault.soap_ns, body)
