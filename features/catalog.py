"""The step catalogue (`./dev pasos`): every step QA can write in a scenario, by area, with an example.

The steps are read from the step modules the suite loads (features/conftest.py `pytest_plugins`), so the
catalogue cannot differ from what runs; each example is the first line of a .feature file the step matches
(an Esquema's line is shown with its first Ejemplos row).
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

FEATURES = Path(__file__).resolve().parent
KINDS = {"given": "Dado", "when": "Cuando", "then": "Entonces", None: "Paso"}
AREAS = {  # how QA reads each step module's name
    "zonapagos": "servicios ZonaPAGOS: inicio y verificación del pago (@servicio)",
    "tokens": "tokenización y cobros recurrentes con token o no_pago (@tokenizacion @servicio)",
    "gateway_pages": "páginas de la pasarela y de PSE, pasos 10 a 15 (@navegador)",
    "portal": "portal de recaudo IOTCS-09, pasos 1 a 9 (@portal @otp)",
    "coopcentral": "Red Coopcentral, banco 1066 (@coopcentral)",
    "verificacion": "verificar_pago_v4: cada estado y los datos de PSE o tarjeta (@servicio)",
    "reglas": "reglas del dominio: productos, sonda y mensajes de ACH (@solo_en_proceso)",
    "registro_ach": "registro en PSE de ACH: natural o jurídica; registrar, actualizar, eliminar (@solo_cable)",
    "certificacion": "asistente de certificación: reglas sobre solicitudes y pagos en el tiempo (@solo_en_proceso)",
}
STEP_LINE = re.compile(r"^\s*(Dado|Dada|Dados|Cuando|Entonces|Y|Pero)\s+(.*\S)\s*$")


@dataclass
class StepEntry:
    area: str
    kind: str
    pattern: str
    matches: object  # callable: text -> bool
    examples: list[str] = field(default_factory=list)


def step_modules() -> list[str]:
    from features import conftest

    return list(conftest.pytest_plugins)


def readable(pattern: str) -> str:
    """A regular expression's pattern as QA reads it: named groups become {name}; anchors and escapes go."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("(?P<", i):
            name_end = pattern.index(">", i)
            name, depth, j = pattern[i + 4:name_end], 1, name_end + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(pattern[j], 0) if pattern[j - 1] != "\\" else 0
                j += 1
            out.append("{" + name + "}")
            i = j
            continue
        if pattern.startswith("(?:", i):  # an optional part: show it as written, marked optional
            depth, j = 1, i + 3
            while depth:
                depth += {"(": 1, ")": -1}.get(pattern[j], 0) if pattern[j - 1] != "\\" else 0
                j += 1
            inner = readable(pattern[i + 3:j - 1])
            optional = pattern[j:j + 1] == "?"
            out.append(f"[{inner}]" if optional else inner)
            i = j + (1 if optional else 0)
            continue
        out.append(pattern[i])
        i += 1
    return "".join(out).rstrip("$").lstrip("^").replace("\\?", "?").replace("\\.", ".").replace("\\d+", "N")


def load_steps() -> list[StepEntry]:
    """Every step definition of the suite's step modules, in module then definition order."""
    from pytest_bdd.steps import step_function_context_registry

    modules = step_modules()
    for name in modules:
        importlib.import_module(name)
    entries = []
    for context in step_function_context_registry.values():
        module = context.step_func.__module__
        if module not in modules:
            continue
        area = module.rsplit(".", 1)[-1]
        raw = getattr(context.parser, "regex", None)
        pattern = readable(raw.pattern) if raw is not None else context.parser.name
        entries.append(StepEntry(area, KINDS[context.type], pattern, context.parser.is_matching))
    order = {name.rsplit(".", 1)[-1]: i for i, name in enumerate(modules)}
    return sorted(entries, key=lambda e: order[e.area])


def feature_lines() -> list[tuple[str, str, str]]:
    """(text, keyword, "file:line") of every step line; an Esquema's placeholders take its first example row."""
    found = []
    for path in sorted(FEATURES.glob("*.feature")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            match = STEP_LINE.match(line)
            if not match:
                continue
            text = match.group(2)
            if "<" in text:
                text = _with_first_example(text, lines[number:])
            found.append((text, match.group(1), f"{path.name}:{number}"))
    return found


def _with_first_example(text: str, after: list[str]) -> str:
    rows = []
    for line in after:
        stripped = line.strip()
        if stripped.startswith(("Escenario", "Esquema")):
            break
        if stripped.startswith("|"):
            rows.append([cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", stripped)[1:-1]])
            if len(rows) == 2:
                break
    if len(rows) == 2:
        for name, value in zip(*rows):
            text = text.replace(f"<{name}>", value)
    return text


def catalogue() -> list[StepEntry]:
    entries = load_steps()
    for text, keyword, where in feature_lines():
        for entry in entries:
            if not entry.examples and entry.matches(text):
                entry.examples.append(f"{keyword} {text}    ({where})")
    return entries


def render(entries: list[StepEntry], area: str | None = None) -> str:
    out = ["Catálogo de pasos de las pruebas de aceptación (features/). Escriba los escenarios con estos pasos;",
           "{nombre} es un valor que usted escribe. Dado/Cuando/Entonces indican el uso habitual; en Gherkin",
           "cualquier paso puede ir tras \"Y\".", ""]
    current = None
    for entry in entries:
        if area and entry.area != area:
            continue
        if entry.area != current:
            current = entry.area
            doc = (importlib.import_module(f"features.steps.{current}").__doc__ or "").strip().splitlines()
            out += ["", f"== {current}: {AREAS.get(current) or (doc[0] if doc else '')}"]
        out.append(f"  {entry.kind:<9}{entry.pattern}")
        for example in entry.examples:
            out.append(f"           ej.: {example}")
        if not entry.examples:
            out.append("           (aún sin uso en un .feature)")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """`./dev pasos [--area AREA]` (or `python -m features.catalog`): the catalogue, printed."""
    import argparse

    parser = argparse.ArgumentParser(prog="pasos", description="el catálogo de pasos Gherkin con un ejemplo de cada uno")
    parser.add_argument("--area", help="solo un área (zonapagos, tokens, portal, verificacion, reglas…)")
    print(render(catalogue(), parser.parse_args(argv).area), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
