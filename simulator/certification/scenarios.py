"""The scenarios of a certification session (zonapagos-ws.md §15) as the rehearsal walks them: what the
assistant does to the simulated world (program or force an outcome, move the clock, refuse the merchant's
credentials) and when it hands over to the merchant's own code (a step: `inicio`, `retorno`, `sonda`)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One move of a scenario. `kind`: programar (the merchant's next payment ends in `state`), forzar (the
    scenario's payment moves to `state` now), avanzar (the clock moves `seconds`), comercio (the merchant's
    code runs step `merchant_step`), deshabilitar / habilitar (the merchant's credentials are refused / back)."""

    kind: str
    state: int = 0
    method: str = ""  # pse | tarjeta
    seconds: int = 0
    merchant_step: str = ""  # inicio | retorno | sonda | reintento

    @property
    def text(self) -> str:
        if self.kind == "programar":
            return f"Programar el resultado {self.state} ({self.method}) para el próximo pago del comercio"
        if self.kind == "forzar":
            return f"Forzar el estado {self.state} en el pago del escenario"
        if self.kind == "avanzar":
            return f"Adelantar el reloj simulado {self.seconds // 60} minutos"
        if self.kind == "deshabilitar":
            return "Rechazar las credenciales del comercio (deshabilitarlo)"
        if self.kind == "habilitar":
            return "Aceptar de nuevo las credenciales del comercio"
        return f"El código del comercio ejecuta el paso «{self.merchant_step}»"


@dataclass(frozen=True)
class Scenario:
    code: str
    title: str
    steps: tuple[Step, ...]


def programar(state: int, method: str = "pse") -> Step:
    return Step("programar", state=state, method=method)


def forzar(state: int, method: str = "") -> Step:
    return Step("forzar", state=state, method=method)


def avanzar(minutes: int) -> Step:
    return Step("avanzar", seconds=minutes * 60)


def comercio(step: str) -> Step:
    return Step("comercio", merchant_step=step)


def _sonda_until_final(final: int, method: str) -> tuple[Step, ...]:
    """The sonda's runs over a pending payment: at 7 and 17 minutes, then the final state, then two more runs
    (the first learns it; the second must leave the payment alone)."""
    return (avanzar(7), comercio("sonda"), avanzar(10), comercio("sonda"), forzar(final, method), avanzar(10),
            comercio("sonda"), avanzar(10), comercio("sonda"))


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("aprobado", "Pago aprobado", (programar(1), comercio("inicio"), comercio("retorno"))),
    Scenario("rechazado_1000", "Pago rechazado (1000)", (programar(1000), comercio("inicio"), comercio("retorno"))),
    Scenario("rechazado_1001", "Rechazado por error entre PSE y el banco (1001)",
             (programar(1001), comercio("inicio"), comercio("retorno"))),
    Scenario("pendiente_999", "Pago PSE pendiente por finalizar (999)",
             (programar(999), comercio("inicio"), comercio("retorno"), *_sonda_until_final(1, "pse"))),
    Scenario("pendiente_cr_4001", "Pago con tarjeta pendiente por CR (4001)",
             (programar(4001, "tarjeta"), comercio("inicio"), comercio("retorno"),
              *_sonda_until_final(4000, "tarjeta"))),
    Scenario("abandonado_888", "Pago abandonado (888 después de 30 minutos)",
             (comercio("inicio"), avanzar(7), comercio("sonda"), avanzar(12), comercio("sonda"), avanzar(12),
              comercio("sonda"))),
    Scenario("reintento", "Reintento de un pago rechazado con un id_pago nuevo",
             (programar(1000), comercio("inicio"), comercio("retorno"), programar(1), comercio("reintento"),
              comercio("retorno"))),
    Scenario("credenciales_invalidas", "Credenciales inválidas",
             (Step("deshabilitar"), comercio("inicio"), Step("habilitar"))),
)

BY_CODE = {scenario.code: scenario for scenario in SCENARIOS}
MERCHANT_STEPS = ("inicio", "retorno", "sonda", "reintento")
