"""The certification report's JSON and the reports' query strings, as pydantic models: the answer is built from
them and the control API's generated OpenAPI document takes their schemas (simulator/control/endpoint.py)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


class CertificacionQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")  # `token` may travel in the query string

    comercio: int = Field(ge=0, le=10**18 - 1, description="El comercio que se califica (int_id_comercio)")
    desde: int = Field(0, ge=0, le=10**18 - 1, description="Solo entradas del diario con id mayor que este")
    paginas: bool = Field(False, description="Revisar también la página de resultado del comercio (1, si, true)")

    @field_validator("paginas", mode="before")
    @classmethod
    def _spanish_yes(cls, value: Any) -> Any:
        return "true" if isinstance(value, str) and value.strip().lower() in ("si", "sí") else value


class EnsayoQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    comercio: str = Field("", max_length=40, description="El comercio del ensayo (se puede escribir en la página)")


def rule_out(finding: Finding) -> ReglaOut:
    return ReglaOut(
        codigo=finding.code, titulo=finding.title, fuente=finding.source, resultado=finding.verdict.value,
        evidencia=[EvidenciaOut(nota=e.note, entradas=list(e.entries), horas=[t.isoformat() for t in e.times],
                                pagos=list(e.payments)) for e in finding.evidence])
