"""spyne services generated from the contract tables: they produce the WSDL, and serve as the
reference implementation the fast wire path is checked against."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from spyne import Application, ServiceBase, rpc
from spyne.model.complex import Array
from spyne.model.primitive import Double, Integer32, Unicode
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

from simulator.zonapagos.contract import Field, Kind, Operation, Service

# An operation's implementation: takes the decoded inputs by name, returns the outputs by name.
Handler = Callable[[dict[str, Any]], dict[str, Any]]


def _spyne_type(field: Field, for_output: bool = False):
    if field.kind is Kind.INT:
        if field.xsd_required and not for_output:
            return Integer32(min_occurs=1, nillable=False)
        return Integer32(min_occurs=1, nillable=False) if for_output else Integer32
    if field.kind is Kind.DOUBLE:
        return Double(min_occurs=1, nillable=False)
    if field.kind is Kind.STRING:
        return Unicode
    if field.kind is Kind.STRING_ARRAY:
        return Array(Unicode, member_name="string", type_name="ArrayOfString")
    return Array(Double(min_occurs=1, nillable=False), member_name="double", type_name="ArrayOfDouble")


def _exact(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, list):
        return [_exact(item) for item in value]
    return value


def _method(operation: Operation, handler: Handler):
    in_names = tuple(f.name for f in operation.inputs)
    out_names = tuple(f.name for f in operation.outputs)

    def implementation(ctx, *args):
        # spyne reads xs:double as float; the handlers take exact Decimals, as the fast codec gives.
        values = [_exact(arg) for arg in args]
        outputs = handler(dict(zip(in_names, values)))
        if len(out_names) == 1:
            return outputs[out_names[0]]
        return tuple(outputs[name] for name in out_names)

    implementation.__name__ = operation.name
    kwargs: dict[str, Any] = {"_args": in_names}
    if len(operation.outputs) == 1:
        kwargs["_returns"] = _spyne_type(operation.outputs[0], for_output=True)
    else:
        kwargs["_returns"] = tuple(_spyne_type(f, for_output=True) for f in operation.outputs)
        kwargs["_out_variable_names"] = out_names
    return rpc(*(_spyne_type(f) for f in operation.inputs), **kwargs)(implementation)


def build_application(service: Service, handlers: dict[str, Handler]) -> Application:
    """A spyne Application for one ASMX service, its methods calling `handlers[operation name]`."""
    methods = {op.name: _method(op, handlers[op.name]) for op in service.operations}
    service_class = type(service.service_name, (ServiceBase,), methods)
    return Application(
        [service_class],
        tns=service.namespace,
        name=service.service_name,
        in_protocol=Soap11(validator=None),
        out_protocol=Soap11(),
    )


def build_wsgi(service: Service, handlers: dict[str, Handler]) -> WsgiApplication:
    return WsgiApplication(build_application(service, handlers))
