"""spyne, an independent SOAP implementation, built from the same contract tables: the reference the
simulator's own ASMX engine (simulator/soap/) is checked against, answer by answer
(tests/unit/simulator/test_fast_path_matches_spyne.py). It is not served: spyne writes no SOAP 1.2 and
answers bare 500s to undecodable bodies, so it could not meet the rules the served engine meets
(docs/decisions.md)."""
from __future__ import annotations

import io
from decimal import Decimal
from typing import Any, Callable

from spyne import Application, ServiceBase, rpc
from spyne.model.complex import Array, ComplexModel
from spyne.model.primitive import AnyXml
from spyne.model.primitive import DateTime, Double, Integer32, Unicode
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

from simulator.soap.contract import Field, Kind, Operation, Record, Service
from simulator.soap.dotnet_values import DotNetDateTime, DotNetDouble

# An operation's implementation: takes the decoded inputs by name, returns the outputs by name.
Handler = Callable[[dict[str, Any]], dict[str, Any]]


_RECORD_MODELS: dict[tuple[str, str], type[ComplexModel]] = {}


def _record_model(record: Record, namespace: str) -> type[ComplexModel]:
    """The ComplexModel of a record, its members in contract order (one class per type name)."""
    key = (namespace, record.name)
    if key not in _RECORD_MODELS:
        members = [(f.name, _spyne_type(f, namespace, for_output=True)) for f in record.fields]
        _RECORD_MODELS[key] = type(record.name, (ComplexModel,), {"__namespace__": namespace, "_type_info": members})
    return _RECORD_MODELS[key]


def _spyne_type(field: Field, namespace: str, for_output: bool = False):
    if field.kind is Kind.INT:
        if field.xsd_required and not for_output:
            return Integer32(min_occurs=1, nillable=False)
        return Integer32(min_occurs=1, nillable=False) if for_output else Integer32
    if field.kind is Kind.DOUBLE:
        return Double(min_occurs=1, nillable=False, str_format=DotNetDouble)
    if field.kind is Kind.DATETIME:
        return DateTime(min_occurs=1, nillable=False, str_format=DotNetDateTime)
    if field.kind is Kind.STRING:
        return Unicode
    if field.kind is Kind.STRING_ARRAY:
        return Array(Unicode, member_name="string", type_name="ArrayOfString")
    if field.kind is Kind.RECORD_ARRAY:
        assert field.record is not None
        return Array(_record_model(field.record, namespace), type_name=field.record.array_name)
    if field.kind is Kind.RECORD:
        assert field.record is not None
        return _record_model(field.record, namespace)
    if field.kind is Kind.DATASET:
        return AnyXml
    return Array(Double(min_occurs=1, nillable=False), member_name="double", type_name="ArrayOfDouble")


def _exact(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, list):
        return [_exact(item) for item in value]
    return value


def _inbound(field: Field, value: Any) -> Any:
    """What spyne read, as the fast codec gives it: exact Decimals, records as dicts."""
    if field.kind is Kind.RECORD_ARRAY and value is not None:
        assert field.record is not None
        return [None if item is None else {f.name: _inbound(f, getattr(item, f.name, None)) for f in field.record.fields}
                for item in value]
    return _exact(value)


def _outbound(field: Field, value: Any, namespace: str) -> Any:
    """A handler's output as spyne writes it: records become instances of their ComplexModel."""
    if field.kind is Kind.RECORD_ARRAY and value is not None:
        assert field.record is not None
        model = _record_model(field.record, namespace)
        return [model(**item) for item in value]
    return value


def _method(operation: Operation, handler: Handler, namespace: str):
    in_names = tuple(f.name for f in operation.inputs)

    def implementation(ctx, *args):
        # spyne reads xs:double as float; the handlers take exact Decimals, as the fast codec gives.
        inputs = {f.name: _inbound(f, arg) for f, arg in zip(operation.inputs, args)}
        outputs = handler(inputs)
        values = tuple(_outbound(f, outputs.get(f.name), namespace) for f in operation.outputs)
        return values[0] if len(values) == 1 else values

    implementation.__name__ = operation.name
    kwargs: dict[str, Any] = {"_args": in_names}
    if len(operation.outputs) == 1:
        kwargs["_returns"] = _spyne_type(operation.outputs[0], namespace, for_output=True)
    else:
        kwargs["_returns"] = tuple(_spyne_type(f, namespace, for_output=True) for f in operation.outputs)
        kwargs["_out_variable_names"] = tuple(f.name for f in operation.outputs)
    return rpc(*(_spyne_type(f, namespace) for f in operation.inputs), **kwargs)(implementation)


def build_application(service: Service, handlers: dict[str, Handler]) -> Application:
    """A spyne Application for one ASMX service, its methods calling `handlers[operation name]`."""
    methods = {op.name: _method(op, handlers[op.name], service.namespace) for op in service.operations}
    service_class = type(service.service_name, (ServiceBase,), methods)
    return Application(
        [service_class],
        tns=service.namespace,
        name=service.service_name,
        in_protocol=Soap11(validator=None),
        out_protocol=Soap11(),
    )


class SpyneReference:
    """One service behind spyne's own pipeline (parse, dispatch, serialise), called inline."""

    def __init__(self, service: Service, handlers: dict[str, Handler]):
        self.service = service
        self._wsgi = WsgiApplication(build_application(service, handlers))

    def answer(self, host: str, body: bytes, content_type: str) -> tuple[int, bytes, str]:
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": "", "SCRIPT_NAME": self.service.path, "QUERY_STRING": "",
            "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)), "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(), "HTTP_HOST": host,
        }
        started: list[Any] = []
        chunks = self._wsgi(environ, lambda status, headers, exc_info=None: started.append((status, headers)))
        data = b"".join(chunks)
        status, headers = started[0]
        return int(status.split()[0]), data, dict(headers).get("Content-Type", "text/xml; charset=utf-8")
