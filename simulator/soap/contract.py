"""The one contract source for the ZonaPAGOS SOAP services.

Each operation is declared once here: element names, order, XSD types, sizes, required rules and secrets.
The WSDL (simulator/soap/wsdl.py, as ASMX writes it), the fast request decoder and the response encoder
(simulator/soap/codec.py) and the spyne models of the contract tests are all derived from these tables, so
they cannot drift (zonapagos-ws.md §4, §5).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    INT = "int"
    STRING = "string"
    DOUBLE = "double"
    DATETIME = "dateTime"
    STRING_ARRAY = "ArrayOfString"
    DOUBLE_ARRAY = "ArrayOfDouble"
    RECORD_ARRAY = "ArrayOf<record>"  # a list of complex elements, e.g. ArrayOfPagos_v3 of pagos_v3
    RECORD = "<record>"  # one complex element (a .NET class), e.g. the DataSet verifications' Respuesta
    DATASET = "DataSet"  # a System.Data.DataSet: inline xs:schema + diffgram (simulator/soap/dataset.py)


class Secret(Enum):
    """How the journal keeps a secret field: not at all (`****`), or a card number's last four digits."""

    WHOLE = "whole"
    LAST_FOUR = "last_four"


@dataclass(frozen=True)
class Record:
    """A complex type of the WSDL: its element name (also its type name), its array's type name, its fields."""

    name: str  # e.g. `pagos_v3`: the type name and the element name of each item
    array_name: str  # e.g. `ArrayOfPagos_v3`
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    max_length: int | None = None  # business limit, checked in-band with a Spanish message
    required: bool = False  # business rule: the service answers -1 naming the field when missing
    xsd_required: bool = False  # minOccurs=1 in the WSDL (value types of ASMX)
    record: Record | None = None  # the item type of a RECORD_ARRAY
    secret: Secret | None = None  # masked in the journal (passwords, CVVs, card numbers)


@dataclass(frozen=True)
class Operation:
    name: str
    inputs: tuple[Field, ...]
    outputs: tuple[Field, ...]  # the first is `<name>Result`; the rest are ByRef outputs

    @property
    def response_name(self) -> str:
        return f"{self.name}Response"

    @property
    def result_name(self) -> str:
        return f"{self.name}Result"


@dataclass(frozen=True)
class Service:
    key: str  # short name used in the journal, faults and fault injection
    path: str  # the real ASMX path
    namespace: str
    service_name: str  # the ASMX class name (WSDL service)
    operations: tuple[Operation, ...]

    def operation(self, name: str) -> Operation | None:
        for op in self.operations:
            if op.name == name:
                return op
        return None

    @property
    def secrets(self) -> dict[str, Secret]:
        """Every input flagged secret in any operation, by element name."""
        return {f.name: f.secret for op in self.operations for f in op.inputs if f.secret is not None}


def string(name: str, max_length: int | None = None, required: bool = False, secret: Secret | None = None) -> Field:
    return Field(name, Kind.STRING, max_length, required, secret=secret)


def integer(name: str, required: bool = False, xsd_required: bool = True) -> Field:
    return Field(name, Kind.INT, None, required, xsd_required)


def double(name: str, required: bool = False) -> Field:
    return Field(name, Kind.DOUBLE, None, required, True)


def date_time(name: str) -> Field:
    return Field(name, Kind.DATETIME, None, False, True)


def strings(name: str) -> Field:
    return Field(name, Kind.STRING_ARRAY)


def records(name: str, record: Record) -> Field:
    return Field(name, Kind.RECORD_ARRAY, record=record)


def record(name: str, of: Record) -> Field:
    return Field(name, Kind.RECORD, record=of)


def dataset(name: str) -> Field:
    return Field(name, Kind.DATASET)
