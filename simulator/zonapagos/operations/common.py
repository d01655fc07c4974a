"""What every ZonaPAGOS operation shares: the contract's wire rules and the in-band error guard.

Business errors go in-band, as the real service does; each operation module says how its error
answer looks (`error_answer`), and `guarded` is the one place that maps a DomainError to it.
"""
from __future__ import annotations

from typing import Any, Callable

from domain.shared.errors import DomainError
from simulator.soap.contract import Kind, Operation

Handler = Callable[[dict[str, Any]], dict[str, Any]]
ErrorAnswer = Callable[[str], dict[str, Any]]


def check_wire_rules(operation: Operation, inputs: dict[str, Any]) -> None:
    """Required fields and size limits of the contract, each refused with a message naming the field."""
    for field in operation.inputs:
        value = inputs.get(field.name)
        if field.required and (value is None or (field.kind is Kind.STRING and not value.strip())):
            raise DomainError(f"El campo {field.name} es obligatorio", field.name)
        if field.max_length is not None and isinstance(value, str) and len(value) > field.max_length:
            raise DomainError(
                f"El campo {field.name} excede la longitud máxima de {field.max_length} caracteres", field.name
            )


def guarded(operation: Operation, handler: Handler, error_answer: ErrorAnswer) -> Handler:
    """The handler behind the wire rules, with domain errors turned into the operation's error answer."""
    def run(inputs: dict[str, Any]) -> dict[str, Any]:
        try:
            check_wire_rules(operation, inputs)
            return handler(inputs)
        except DomainError as error:
            return error_answer(error.message)
    run.error_answer = error_answer  # the operation's in-band error form, also used by fault injection
    return run


def text(inputs: dict[str, Any], name: str) -> str:
    """A string input, stripped; empty when absent."""
    return (inputs.get(name) or "").strip()
