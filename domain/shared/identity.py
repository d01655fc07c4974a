"""Identity documents: the document types of the Colombian payment world and their rules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from domain.shared.errors import DomainError


class DocumentType(Enum):
    """Document types with their short code and the ZonaPAGOS numeric `tipo_id` (zonapagos-ws.md §11)."""

    NONE = ("NA", 0, "No identificado")
    CC = ("CC", 1, "Cédula de ciudadanía")
    CE = ("CE", 2, "Cédula de extranjería")
    NIT = ("NIT", 3, "NIT")
    NUIP = ("NUIP", 4, "NUIP")
    TI = ("TI", 5, "Tarjeta de identidad")
    PP = ("PP", 6, "Pasaporte")
    IDC = ("IDC", 7, "Identificador único de cliente")
    CEL = ("CEL", 8, "Celular")
    RC = ("RC", 9, "Registro civil")
    DE = ("DE", 10, "Documento de identificación extranjero")
    OTHER = ("OTRO", 11, "Otro no tipificado")

    def __init__(self, code: str, zonapagos_code: int, label: str):
        self.code = code
        self.zonapagos_code = zonapagos_code
        self.label = label

    @classmethod
    def from_zonapagos(cls, code: int) -> DocumentType:
        for member in cls:
            if member.zonapagos_code == code:
                return member
        raise ValueError(f"tipo_id desconocido: {code}")

    @classmethod
    def from_code(cls, code: str) -> DocumentType:
        for member in cls:
            if member.code == code.upper():
                return member
        raise ValueError(f"tipo de documento desconocido: {code}")


# --- Document number rules -------------------------------------------------------------------------
# pse.md §8 gives the common practice per type; there is no single official spec, so the rules are
# data here and the choices are recorded in docs/decisions.md.

NIT_BASE_LENGTH = 9
_NIT_WEIGHTS = (71, 67, 59, 53, 47, 43, 41, 37, 29, 23, 19, 17, 13, 7, 3)
_NIT_PATTERN = re.compile(r"(\d{9})-?(\d)", re.ASCII)


@dataclass(frozen=True)
class DocumentRule:
    """What a document number of one type must look like, and how to say so in Spanish."""

    pattern: re.Pattern[str]
    requirement: str  # completes "El número de documento ... debe <requirement>"
    max_length: int  # for the input fields of the pages


def _rule(pattern: str, requirement: str, max_length: int) -> DocumentRule:
    return DocumentRule(re.compile(pattern, re.ASCII), requirement, max_length)


_FREE = _rule(r"^[A-Za-z0-9]{1,30}$", "ser alfanumérico de máximo 30 caracteres", 30)

DOCUMENT_RULES: dict[DocumentType, DocumentRule] = {
    DocumentType.CC: _rule(r"^\d{3,10}$", "tener entre 3 y 10 dígitos", 10),
    DocumentType.CE: _rule(r"^[A-Za-z0-9]{1,12}$", "ser alfanumérico de máximo 12 caracteres", 12),
    DocumentType.TI: _rule(r"^\d{10,11}$", "tener 10 u 11 dígitos", 11),
    DocumentType.RC: _rule(r"^\d{10,11}$", "tener 10 u 11 dígitos", 11),
    DocumentType.NUIP: _rule(r"^\d{10,11}$", "tener 10 u 11 dígitos", 11),
    DocumentType.PP: _rule(r"^[A-Za-z0-9]{1,16}$", "ser alfanumérico de máximo 16 caracteres", 16),
    DocumentType.NIT: _rule(
        r"^\d{9}(-?\d)?$", "tener 9 dígitos, opcionalmente seguidos del dígito de verificación", 11
    ),
    DocumentType.CEL: _rule(r"^3\d{9}$", "tener 10 dígitos y empezar por 3", 10),
    DocumentType.IDC: _FREE,
    DocumentType.DE: _FREE,
    DocumentType.OTHER: _FREE,
    DocumentType.NONE: _FREE,
}


def document_number_problem(document_type: DocumentType, number: str) -> str | None:
    """The Spanish reason why `number` is not a valid number of `document_type`, or None if it is."""
    rule = DOCUMENT_RULES[document_type]
    if not number:
        return "El número de documento es obligatorio"
    if not rule.pattern.fullmatch(number):
        return f"El número de documento para {document_type.label} debe {rule.requirement}"
    if document_type is DocumentType.NIT:
        base, check_digit = _split_nit(number)
        if check_digit is not None and nit_check_digit(base) != check_digit:
            return "El dígito de verificación del NIT no es correcto"
    return None


def nit_check_digit(base: str) -> int:
    """The DIAN modulo-11 check digit (DV) of a NIT base of up to 15 digits (pse.md §8)."""
    if not base.isascii() or not base.isdigit() or len(base) > len(_NIT_WEIGHTS):
        raise DomainError("El NIT debe tener solo dígitos, máximo 15", "nit")
    padded = base.rjust(len(_NIT_WEIGHTS), "0")
    remainder = sum(int(d) * w for d, w in zip(padded, _NIT_WEIGHTS)) % 11
    return remainder if remainder in (0, 1) else 11 - remainder


def nit_is_valid(text: str) -> bool:
    """True for a 9-digit NIT base followed by its correct DV, with or without hyphen ("890203088-9")."""
    match = _NIT_PATTERN.fullmatch(text.strip())
    return match is not None and nit_check_digit(match.group(1)) == int(match.group(2))


def validate_nit(text: str) -> str:
    """Check a full NIT (base + DV) and return it as `890203088-9`; raise DomainError otherwise."""
    match = _NIT_PATTERN.fullmatch(text.strip())
    if not match:
        raise DomainError("El NIT debe tener 9 dígitos y el dígito de verificación (890203088-9)", "nit")
    base, check_digit = match.group(1), int(match.group(2))
    if nit_check_digit(base) != check_digit:
        raise DomainError("El dígito de verificación del NIT no es correcto", "nit")
    return f"{base}-{check_digit}"


def _split_nit(number: str) -> tuple[str, int | None]:
    digits = number.replace("-", "")
    if len(digits) == NIT_BASE_LENGTH:
        return digits, None
    return digits[:NIT_BASE_LENGTH], int(digits[NIT_BASE_LENGTH:])


@dataclass(frozen=True)
class IdentityDocument:
    """A person's or company's document: its type and a number valid for that type.

    The number is kept as typed, minus surrounding blanks, except a NIT, which is kept as
    `890203088-9` however it was typed (with or without hyphen or DV) so that one NIT is one document.
    Construction refuses an invalid number.
    """

    type: DocumentType
    number: str

    def __post_init__(self) -> None:
        if not isinstance(self.type, DocumentType):
            raise DomainError("El tipo de documento no es válido", "document_type")
        number = self.number.strip() if isinstance(self.number, str) else ""
        object.__setattr__(self, "number", number)
        problem = document_number_problem(self.type, number)
        if problem:
            raise DomainError(problem, "document_number")
        if self.type is DocumentType.NIT:
            base, _ = _split_nit(number)
            object.__setattr__(self, "number", f"{base}-{nit_check_digit(base)}")

    def __str__(self) -> str:
        return f"{self.type.code} {self.number}"
