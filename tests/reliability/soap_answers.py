"""What a SOAP answer to bad input may look like: the service's own in-band error (HTTP 200) or a
client SOAP Fault (HTTP 500, as ASMX answers an unreadable request), never a traceback, never the
simulator's own "internal error" fault, never a bare 5xx."""
from __future__ import annotations

from lxml import etree

from tests.reliability.browser import TRACEBACK_MARKS

SOAP_NS = {"http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"}
INTERNAL = "Error interno del simulador"


def soap_problem(status: int, body: bytes) -> str:
    """'' when the answer is an acceptable SOAP answer; otherwise what is wrong with it."""
    text = body.decode("utf-8", "replace")
    if any(mark in text for mark in TRACEBACK_MARKS):
        return f"traceback text in a {status} answer"
    if status == 413:
        return ""
    if status not in (200, 500):
        return f"HTTP {status}"
    try:
        root = etree.fromstring(body)
    except etree.XMLSyntaxError as error:
        return f"HTTP {status} with a body that is not XML: {error}"
    if etree.QName(root).localname != "Envelope" or etree.QName(root).namespace not in SOAP_NS:
        return f"HTTP {status} without a SOAP envelope"
    faults = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "Fault"]
    if status == 500 and not faults:
        return "HTTP 500 without a SOAP Fault"
    if status == 200 and faults:
        return "a Fault with HTTP 200"
    if faults and (INTERNAL in text or "soap:Server" in text or ">soap:Receiver<" in text):
        return f"a server fault (a bug of the simulator): {text[-300:]}"
    return ""


def fault_text(body: bytes) -> str:
    root = etree.fromstring(body)
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in ("faultstring", "Text"):
            return el.text or ""
    return ""
