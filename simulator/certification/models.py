"""The certification report's JSON, as pydantic models: the answer is built from them and the control API's
OpenAPI document takes its schema from them (simulator/openapi.py)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from domain.certification.finding import Finding


class EvidenciaOut(BaseModel):
    nota: str
    entradas: list[int] = Field(default_factory=list, description="ids de entradas del diario (/_sim/journal)")
    horas: list[str] = Field(default_factory=list, description="horas del reloj simulado (ISO 8601)")
    pagos: list[int] = Field(default_factory=list, description="identificadores de pago")


class ReglaOut(BaseModel):
    codigo: str
    titulo: str
    fuente: str
    resultado: Literal["cumple", "no_cumple", "sin_evidencia"]
    evidencia: list[EvidenciaOut]


class CertificacionOut(BaseModel):
    comercio: int
    desde: int = Field(0, description="solo entradas del diario con id mayor que este")
    aprobada: bool = Field(description="ninguna regla en no_cumple")
    reglas: list[ReglaOut]


def rule_out(finding: Finding) -> ReglaOut:
    return ReglaOut(
        codigo=finding.code, titulo=finding.title, fuente=finding.source, resultado=finding.verdict.value,
        evidencia=[EvidenciaOut(nota=e.note, entradas=list(e.entries), horas=[t.isoformat() for t in e.times],
                                pagos=list(e.payments)) for e in finding.evidence])
