"""`credenciales`: no run of failed authentications. A merchant shows it handles invalid credentials (§15's
scenario, `int_codigo 2` / "Credenciales inválidas") by stopping, not by trying again and again."""
from __future__ import annotations

from domain.certification.finding import Evidence, Rule, Verdict, judged
from domain.certification.record import Rehearsal

RUN = 3  # this many refused authentications in a row, with no accepted call between, is a run


def _check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
    violations, run = [], []
    refused = 0
    for request in sorted(record.requests, key=lambda r: (r.at, r.entry_id)):
        if request.credentials_refused:
            run.append(request)
            refused += 1
            continue
        if len(run) >= RUN:
            violations.append(run)
        run = []
    if len(run) >= RUN:
        violations.append(run)
    evidence = [Evidence(f"{len(r)} autenticaciones rechazadas seguidas", tuple(q.entry_id for q in r),
                         (r[0].at, r[-1].at)) for r in violations]
    met = [Evidence(f"{refused} autenticaciones rechazadas, ninguna racha de {RUN} o más")] if record.requests else []
    return judged(evidence, met, "El comercio no hizo ninguna solicitud")


RULE = Rule("credenciales", "Sin rachas de autenticaciones fallidas", "zonapagos-ws.md §15 (credenciales inválidas)",
            _check)
