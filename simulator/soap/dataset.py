"""A System.Data.DataSet written as .NET's XmlSerializer writes one inside an ASMX answer.

The member holds an inline `xs:schema` (the `NewDataSet` element with `msdata:IsDataSet="true"`, a choice of
`Table` rows and their columns) and then a `diffgr:diffgram` with the rows (`diffgr:id="Table1"`,
`msdata:rowOrder="0"`...). A null column is left out of its row, as DataSet does; a DataSet without rows
writes an empty diffgram. Dates carry Bogotá's offset, as a DataSet filled on a Colombian server writes them
(DataSetDateTime.UnspecifiedLocal).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from simulator.soap.contract import Field, Kind
from simulator.soap.dotnet_values import datetime_text, double_text

MSDATA = "urn:schemas-microsoft-com:xml-msdata"
DIFFGR = "urn:schemas-microsoft-com:xml-diffgram-v1"
XSD = "http://www.w3.org/2001/XMLSchema"
COLUMN_TYPES = {Kind.STRING: "xs:string", Kind.INT: "xs:int", Kind.DOUBLE: "xs:double", Kind.DATETIME: "xs:dateTime"}
BOGOTA_OFFSET = "-05:00"


@dataclass(frozen=True)
class DataSet:
    """One table of rows: its columns (name and kind, in order) and the rows by column name."""

    columns: tuple[Field, ...]
    rows: Sequence[Mapping[str, Any]]
    table: str = "Table"
    name: str = "NewDataSet"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(column: Field, value: Any) -> str:
    if column.kind is Kind.DOUBLE:
        text = double_text(value)
    elif column.kind is Kind.DATETIME:
        assert isinstance(value, datetime)
        text = datetime_text(value) + BOGOTA_OFFSET
    else:
        text = _escape(str(value))
    return f"<{column.name}>{text}</{column.name}>"


def _schema(data: DataSet) -> str:
    columns = "".join(f'<xs:element name="{c.name}" type="{COLUMN_TYPES[c.kind]}" minOccurs="0" />'
                      for c in data.columns)
    return (
        f'<xs:schema id="{data.name}" xmlns="" xmlns:xs="{XSD}" xmlns:msdata="{MSDATA}">'
        f'<xs:element name="{data.name}" msdata:IsDataSet="true" msdata:UseCurrentLocale="true">'
        '<xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">'
        f'<xs:element name="{data.table}"><xs:complexType><xs:sequence>{columns}</xs:sequence></xs:complexType>'
        "</xs:element></xs:choice></xs:complexType></xs:element></xs:schema>"
    )


def dataset_xml(element: str, data: DataSet) -> str:
    """The member `element` holding `data` (its namespace is the enclosing answer's default one)."""
    rows = "".join(
        f'<{data.table} diffgr:id="{data.table}{index + 1}" msdata:rowOrder="{index}">'
        + "".join(_cell(c, row[c.name]) for c in data.columns if row.get(c.name) is not None)
        + f"</{data.table}>"
        for index, row in enumerate(data.rows)
    )
    namespaces = f'xmlns:msdata="{MSDATA}" xmlns:diffgr="{DIFFGR}"'
    diffgram = (f'<diffgr:diffgram {namespaces}><{data.name} xmlns="">{rows}</{data.name}></diffgr:diffgram>'
                if data.rows else f"<diffgr:diffgram {namespaces} />")
    return f"<{element}>{_schema(data)}{diffgram}</{element}>"
