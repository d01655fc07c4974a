"""What `pasarela` says when an option or an environment value is wrong: one Spanish line naming the flag (and its
PASARELA_* variable), exit 2 — never argparse's or pydantic's English, never a URL or a traceback."""
from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from pydantic import ValidationError

USAGE_EXIT = 2


def flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def variable(field: str) -> str:
    return "PASARELA_" + field.upper()


def _why(error: dict[str, Any]) -> str:
    """pydantic's reason, in Spanish."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return "debe ser un número entero"
    if kind in ("float_parsing", "float_type"):
        return "debe ser un número"
    if kind in ("bool_parsing", "bool_type"):
        return "debe ser verdadero o falso (true/false)"
    if kind == "literal_error":
        return f"debe ser uno de {context.get('expected', '')}".replace("'", "")
    bounds = {"greater_than_equal": ("mayor o igual a", "ge"), "greater_than": ("mayor que", "gt"),
              "less_than_equal": ("menor o igual a", "le"), "less_than": ("menor que", "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return f"debe ser {words} {context.get(key, '')}"
    return "no es válido"


def settings_error(error: ValidationError, given: set[str]) -> str:
    """The first refused setting as one line: the flag when the value came from the command line, the flag
    and the variable when it may have come from the environment."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first.get("loc") else "?"
    where = flag(field) if field in given else f"{flag(field)} ({variable(field)})"
    value = first.get("input")
    shown = f" = {value!r}" if isinstance(value, (str, int, float)) else ""
    return f"opción no válida: {where}{shown} {_why(first)}"


_ARGPARSE = [  # argparse's English, read back as Spanish (the option it names is kept)
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), r"opción no válida: \1 = '\2' debe ser un número entero"),
    (re.compile(r"argument (\S+): invalid float value: '(.*)'"), r"opción no válida: \1 = '\2' debe ser un número"),
    (re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)"),
     r"opción no válida: \1 = '\2' debe ser uno de \3"),
    (re.compile(r"argument (\S+): expected one argument"), r"opción no válida: \1 necesita un valor"),
    (re.compile(r"the following arguments are required: (.*)"), r"faltan opciones obligatorias: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"opciones desconocidas: \1"),
]


def spanish(message: str) -> str:
    for pattern, replacement in _ARGPARSE:
        if pattern.search(message):
            return pattern.sub(replacement, message).replace("'", "").replace("  ", " ")
    return f"opciones no válidas: {message}"


class SpanishHelpFormatter(argparse.HelpFormatter):
    """argparse's help with a Spanish heading ("uso:" instead of "usage:")."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class SpanishParser(argparse.ArgumentParser):
    """argparse, with its usage errors as one Spanish line (exit 2) instead of usage text in English, and its
    help in Spanish (headings and -h's own line). Subcommands' parsers are of this class too (add_parser)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", SpanishHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="muestra esta ayuda y termina")

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {spanish(message)} (pasarela --help explica cada opción)", file=sys.stderr)
        sys.exit(USAGE_EXIT)
