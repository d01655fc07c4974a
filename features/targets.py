"""Where the Gherkin scenarios run, and which scenarios each target can run (by their tags).

- `wire`: a real `pasarela serve` process on a loopback port; SOAP through the project's clients, pages
  over HTTP. Runs every scenario.
- `inprocess`: the simulated world on MemoryStore and a FixedClock, the use cases and the operation
  handlers called directly (features/drivers/inprocess.py). Fast; no socket.
- `zonapagosdemo`: the service scenarios (@servicio) against the vendor's test host, with credentials
  from the environment; skipped with a reason when they are missing.

@navegador scenarios drive Chromium against a served simulator whatever the target is, so they run once
per invocation (on the first selected target that may run them).
"""
from __future__ import annotations

import os

TARGETS = ("wire", "inprocess", "zonapagosdemo")
DEFAULT = "wire,inprocess"  # the README's test command runs both
ENV = "PASARELA_TARGET"

# tag → the targets that may run a scenario carrying it (a scenario runs where all its tags allow)
ONLY = {
    "solo_cable": {"wire"},  # needs the served pages or the control API of a process
    "solo_en_proceso": {"inprocess"},  # a domain rule: nothing to add over the wire
    "coopcentral": {"wire"},  # the network's pages have no in-process driver
    "navegador": {"wire", "inprocess"},  # Chromium against the suite's simulator process
}
SERVICE_TAG = "servicio"  # the only scenarios `zonapagosdemo` runs


def selected(option: str | None) -> list[str]:
    """The targets asked for (`--target`, else $PASARELA_TARGET, else wire and inprocess), in order."""
    text = option or os.environ.get(ENV) or DEFAULT
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in TARGETS]
    if unknown or not names:
        raise ValueError(f"--target desconocido: {', '.join(unknown) or text!r} (use {', '.join(TARGETS)})")
    return list(dict.fromkeys(names))


def why_not(target: str, tags: set[str]) -> str | None:
    """None when `target` may run a scenario with `tags`, else the reason (Spanish, for the skip)."""
    if target == "zonapagosdemo" and SERVICE_TAG not in tags:
        return "zonapagosdemo solo ejecuta escenarios @servicio"
    for tag, allowed in ONLY.items():
        if tag in tags and target not in allowed:
            return f"@{tag}: no aplica al destino {target}"
    return None


def targets_for(chosen: list[str], tags: set[str]) -> tuple[list[str], str]:
    """The chosen targets this scenario runs on (@navegador: only the first), and why, when none."""
    runs = [target for target in chosen if why_not(target, tags) is None]
    if "navegador" in tags:
        runs = runs[:1]
    reasons = "; ".join(filter(None, (why_not(target, tags) for target in chosen)))
    return runs, reasons
