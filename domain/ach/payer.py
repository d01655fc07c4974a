"""A payer registered at ACH's PSE portal (pse-coopcentral.md, "Registering with ACH").

A persona natural registers with any document type but NIT; a persona jurídica only with a NIT
(pse.md §2.2, REST v18 rule). The e-mail is the payer's key: it is what the payer types on the PSE
page ("Ir al Banco"). Updating or deleting a registration needs the security answer, the only
secret the registration has.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from domain.shared.contact import validate_email, validate_mobile
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument, document_number_problem
from domain.shared.secrets import SecretHash

if TYPE_CHECKING:
    from collections.abc import Callable

NAME_MAX_LENGTH = 50
COMPANY_NAME_MAX_LENGTH = 100
ADDRESS_MAX_LENGTH = 100
ANSWER_MAX_LENGTH = 50

SECURITY_QUESTIONS: dict[str, str] = {
    "colegio": "¿Colegio en el cual obtuvo su título de bachiller?",  # as the instructivo writes it
    "mascota": "¿Cuál es el nombre de su primera mascota?",
    "ciudad": "¿En qué ciudad nació su madre?",
    "libro": "¿Cuál es su libro favorito?",
}

# Document types a persona natural may choose on the form (NIT is for companies).
NATURAL_DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType.CC, DocumentType.CE, DocumentType.TI, DocumentType.PP, DocumentType.RC, DocumentType.DE,
)


class PersonKind(Enum):
    NATURAL = ("natural", "0", "Persona natural")
    LEGAL = ("juridica", "1", "Persona jurídica")

    def __init__(self, slug: str, user_type: str, label: str):
        self.slug = slug
        self.user_type = user_type  # ACH's userType
        self.label = label

    @classmethod
    def from_slug(cls, slug: str) -> PersonKind:
        for kind in cls:
            if kind.slug == slug:
                return kind
        raise DomainError("Seleccione persona natural o persona jurídica", "tipo_persona")


def normalize_answer(text: str) -> str:
    """Security answers are compared without case and extra blanks ("San José" = "san  josé ")."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class PsePayer:
    kind: PersonKind
    document: IdentityDocument
    first_names: str  # the company name ("razón social") for a persona jurídica
    last_names: str  # empty for a persona jurídica
    mobile: str
    address: str
    email: str
    security_question: str  # a key of SECURITY_QUESTIONS
    security_answer: SecretHash
    news_opt_in: bool
    registered_at: datetime
    updated_at: datetime

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}".strip()

    def answers(self, answer: str) -> bool:
        return self.security_answer.matches(normalize_answer(answer))


@dataclass(frozen=True)
class RegistrationForm:
    """What the registration page posts, as typed. `problems()` says every wrong field at once."""

    kind: PersonKind
    document_type: str = ""
    document_number: str = ""
    first_names: str = ""
    last_names: str = ""
    mobile: str = ""
    address: str = ""
    email: str = ""
    email_confirmation: str = ""
    security_question: str = ""
    security_answer: str = ""
    news_opt_in: bool = False
    terms_accepted: bool = False

    def problems(self) -> dict[str, str]:
        """Field name → Spanish message, for every field that is wrong (empty when the form is valid)."""
        found: dict[str, str] = {}

        def check(name: str, action: Callable[[], object]) -> None:
            try:
                action()
            except DomainError as error:
                found[name] = error.message

        check("numero_documento", self._document)
        if self.kind is PersonKind.NATURAL:
            check("nombres", lambda: _name(self.first_names, "Los nombres"))
            check("apellidos", lambda: _name(self.last_names, "Los apellidos"))
        else:
            check("razon_social", self._company_name)
        check("celular", lambda: validate_mobile(self.mobile, "celular"))
        check("direccion", self._address)
        check("email", lambda: validate_email(self.email, "email"))
        if "email" not in found and self.email_confirmation.strip().casefold() != self.email.strip().casefold():
            found["email_confirmacion"] = "La confirmación del correo electrónico no coincide"
        if self.security_question not in SECURITY_QUESTIONS:
            found["pregunta"] = "Seleccione una pregunta de seguridad"
        answer = normalize_answer(self.security_answer)
        if not answer:
            found["respuesta"] = "La respuesta de seguridad es obligatoria"
        elif len(answer) > ANSWER_MAX_LENGTH:
            found["respuesta"] = f"La respuesta de seguridad admite máximo {ANSWER_MAX_LENGTH} caracteres"
        if not self.terms_accepted:
            found["terminos"] = "Debe aceptar los términos y condiciones y la política de privacidad de ACH Colombia"
        return found

    def to_payer(self, salt: str, now: datetime, registered_at: datetime | None = None) -> PsePayer:
        """The registration, once `problems()` is empty; the answer is kept only as a salted hash."""
        problems = self.problems()
        if problems:
            field, message = next(iter(problems.items()))
            raise DomainError(message, field)
        first = _name(self.first_names, "Los nombres") if self.kind is PersonKind.NATURAL else self._company_name()
        last = _name(self.last_names, "Los apellidos") if self.kind is PersonKind.NATURAL else ""
        return PsePayer(
            kind=self.kind, document=self._document(), first_names=first, last_names=last,
            mobile=validate_mobile(self.mobile), address=self._address(), email=validate_email(self.email).lower(),
            security_question=self.security_question,
            security_answer=SecretHash.of(normalize_answer(self.security_answer), salt),
            news_opt_in=self.news_opt_in, registered_at=registered_at or now, updated_at=now,
        )

    def _document(self) -> IdentityDocument:
        if self.kind is PersonKind.LEGAL:
            document_type = DocumentType.NIT
        else:
            try:
                document_type = DocumentType.from_code(self.document_type)
            except ValueError:
                raise DomainError("Seleccione el tipo de documento", "tipo_documento") from None
            if document_type not in NATURAL_DOCUMENT_TYPES:
                raise DomainError("Seleccione el tipo de documento", "tipo_documento")
        number = self.document_number.strip()
        if document_type is DocumentType.NIT and number and "-" not in number and len(number) == 9:
            raise DomainError("Escriba el NIT con su dígito de verificación (890203088-9)", "numero_documento")
        problem = document_number_problem(document_type, number)
        if problem:
            raise DomainError(problem, "numero_documento")
        return IdentityDocument(document_type, number)

    def _company_name(self) -> str:
        name = " ".join(self.first_names.split())
        if not name:
            raise DomainError("La razón social es obligatoria", "razon_social")
        if len(name) > COMPANY_NAME_MAX_LENGTH:
            raise DomainError(f"La razón social admite máximo {COMPANY_NAME_MAX_LENGTH} caracteres", "razon_social")
        return name

    def _address(self) -> str:
        address = " ".join(self.address.split())
        if not address:
            raise DomainError("La dirección es obligatoria", "direccion")
        if len(address) > ADDRESS_MAX_LENGTH:
            raise DomainError(f"La dirección admite máximo {ADDRESS_MAX_LENGTH} caracteres", "direccion")
        return address


def _name(text: str, what: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise DomainError(f"{what} son obligatorios")
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(f"{what} admiten máximo {NAME_MAX_LENGTH} caracteres")
    if not all(c.isalpha() or c in " '.-" for c in name) or not any(c.isalpha() for c in name):
        raise DomainError(f"{what} solo pueden tener letras")
    return name
