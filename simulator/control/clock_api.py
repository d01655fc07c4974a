"""The control API's health and simulated clock: /_sim/health, /_sim/clock."""
from __future__ import annotations

import os
from datetime import datetime

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from ports.clock import ControllableClock
from simulator.control.endpoint import Call, Endpoint


class Health(BaseModel):
    estado: str = Field(description="ok cuando el simulador está listo")
    pid: int


class ClockOut(BaseModel):
    ahora: datetime = Field(description="Hora del simulador (ISO 8601, con zona)")


class AdvanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    segundos: float = Field(ge=0, le=10**8, allow_inf_nan=False,
                            validation_alias=AliasChoices("segundos", "seconds"),  # `seconds`: until the next release
                            description="Segundos que avanza el reloj (0 a 100000000)")


class ClockApi:
    def __init__(self, clock: ControllableClock):
        self.clock = clock

    def endpoints(self) -> list[Endpoint]:
        return [
            Endpoint("GET", "/_sim/health", "Estado del simulador (200 cuando está listo)", self.health,
                     answer=Health, guarded=False, tags=("reloj",)),
            Endpoint("GET", "/_sim/clock", "Hora del simulador", self.get_clock, answer=ClockOut, tags=("reloj",)),
            Endpoint("POST", "/_sim/clock/advance", "Adelantar el reloj", self.advance_clock, answer=ClockOut,
                     body=AdvanceIn, tags=("reloj",)),
            Endpoint("POST", "/_sim/clock/reset", "Volver a la hora real", self.reset_clock, answer=ClockOut,
                     tags=("reloj",)),
        ]

    async def health(self, call: Call) -> Health:
        return Health(estado="ok", pid=os.getpid())

    async def get_clock(self, call: Call) -> ClockOut:
        return ClockOut(ahora=self.clock.now())

    async def advance_clock(self, call: Call) -> ClockOut:
        return ClockOut(ahora=self.clock.advance(call.body.segundos))

    async def reset_clock(self, call: Call) -> ClockOut:
        self.clock.reset()
        return ClockOut(ahora=self.clock.now())
