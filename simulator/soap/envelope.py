"""Reading SOAP requests safely and writing ASMX-shaped envelopes and faults.

Parsing is hardened: the lxml parser resolves nothing, loads no DTD and reaches no network, and the parsed
document is refused when it has a DOCTYPE (internal subset or not) or any entity reference: decided on the
document, so a DTD in a UTF-16 or UTF-32 body is refused like one in UTF-8, and no reference is ever silently
dropped. An ASCII `<!DOCTYPE`/`<!ENTITY` is refused before parsing too, the cheap case first.
SOAP 1.1 and 1.2 envelopes are both read; the answer uses the version of the request.
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


_DTD_PROHIBITED = "Server was unable to read request. ---> For security reasons DTD is prohibited in this XML document."


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


_WIDE = ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xfe\xff", "utf-16"),
         (b"\xff\xfe", "utf-16"), (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
         (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _wide_codec(body: bytes) -> str | None:
    """UTF-16 or UTF-32, told by the byte order mark or by how `<` is written; None for anything else."""
    if b"\x00" not in body[:4]:
        return None
    return next((codec for start, codec in _WIDE if body.startswith(start)), None)


def _decode_to_utf8(body: bytes, charset: str | None) -> bytes:
    """The body as UTF-8 bytes for the parser. UTF-8 (nearly every request) passes untouched; an ASCII-compatible
    body that declares its encoding is left to lxml, which honours the declaration; UTF-16/32 (by BOM or by
    shape) and bodies in the HTTP charset are decoded here and their declaration dropped, since the encoding it
    names no longer applies. Either way the parser, and every check after it, sees one document."""
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    wide = _wide_codec(body)
    if wide is None:
        if not charset or charset in _UTF8_NAMES or _DECLARED_ENCODING.match(body):
            return body
        if charset.lower().replace("_", "-") in ("utf-8", "utf8"):
            return body
    try:
        text = body.decode(wide or charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        raise SoapFault("Server was unable to read request. ---> Invalid character in the given encoding.")
    return _XML_DECLARATION.sub("", text, count=1).encode("utf-8")


def parse_request(body: bytes, charset: str | None = None) -> SoapRequest:
    """Parse a SOAP 1.1 or 1.2 request and find the operation element. Raises SoapFault."""
    if not body.strip():
        raise SoapFault("Server was unable to process request. ---> Root element is missing.")
    body = _decode_to_utf8(body, charset)
    if _DOCTYPE.search(body):  # the cheap refusal, before any parser sees a DTD (in whatever encoding it came)
        raise SoapFault(_DTD_PROHIBITED)
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        position = f"Line {error.position[0]}, position {error.position[1]}." if error.position else ""
        raise SoapFault(f"Server was unable to process request. ---> There is an error in XML document. {position}".rstrip())
    except (ValueError, UnicodeDecodeError):
        raise SoapFault("Server was unable to read request. ---> Invalid character in the given encoding.")
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise SoapFault(_DTD_PROHIBITED)
    for entity in root.iter(etree.Entity):
        raise SoapFault(f"Server was unable to read request. ---> Reference to undeclared entity '{entity.name}'.")
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
