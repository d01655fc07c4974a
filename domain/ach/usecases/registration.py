"""Registering with ACH's PSE portal (pse-coopcentral.md, "Registering with ACH"): register, update, delete.

Each action stores the change and sends the payer an e-mail about it (step 3: "the user receives an
e-mail confirming the registration"). Updating and deleting are authenticated by the security
question and answer given at registration; the e-mail is the registration's key and cannot change.
"""
from __future__ import annotations

from domain.shared.contact import validate_email
from domain.shared.errors import DomainError
from domain.ach.payer import SECURITY_QUESTIONS, PersonKind, PsePayer, RegistrationForm
from ports.clock import Clock
from ports.notifications import Notifier
from ports.ach_store import AchStore


class FormProblems(DomainError):
    """Several fields are wrong: `problems` maps each field to its Spanish message."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(next(iter(problems.values())), next(iter(problems)))
        self.problems = problems


def register(form: RegistrationForm, store: AchStore, clock: Clock, notifier: Notifier) -> PsePayer:
    """"Registrar": a new registration for an e-mail not yet registered, and the confirmation e-mail."""
    problems = form.problems()
    if problems:
        raise FormProblems(problems)
    with store.transaction():
        if store.pse.get_payer(form.email.strip()) is not None:
            raise FormProblems({"email": "Este correo ya está registrado en PSE; si desea cambiar sus datos elija "
                                         "actualizar mi registro"})
        payer = form.to_payer(store.ids.random_digits(16), clock.now())
        store.pse.save_payer(payer)
        notifier.send("email", payer.email, "PSE - Confirmación de su registro", _registered_text(payer))
    return payer


def update(form: RegistrationForm, store: AchStore, clock: Clock, notifier: Notifier) -> PsePayer:
    """"Actualizar": replace the data of an existing registration, proven by its security answer."""
    problems = form.problems()
    if problems:
        raise FormProblems(problems)
    with store.transaction():
        current = _authenticated(store, form.email, form.security_question, form.security_answer)
        if current.kind is not form.kind:
            raise FormProblems({"email": f"Este correo está registrado como {current.kind.label.lower()}"})
        payer = form.to_payer(store.ids.random_digits(16), clock.now(), registered_at=current.registered_at)
        store.pse.save_payer(payer)
        notifier.send("email", payer.email, "PSE - Actualización de sus datos", _updated_text(payer))
    return payer


def delete(kind: PersonKind, email: str, question: str, answer: str, store: AchStore,
           notifier: Notifier) -> PsePayer:
    """"Eliminar": remove a registration, proven by its security answer; the payer is told by e-mail."""
    problems: dict[str, str] = {}
    try:
        validate_email(email, "email")
    except DomainError as error:
        problems["email"] = error.message
    if question not in SECURITY_QUESTIONS:
        problems["pregunta"] = "Seleccione una pregunta de seguridad"
    if not answer.strip():
        problems["respuesta"] = "La respuesta de seguridad es obligatoria"
    if problems:
        raise FormProblems(problems)
    with store.transaction():
        current = _authenticated(store, email, question, answer)
        if current.kind is not kind:
            raise FormProblems({"email": f"Este correo está registrado como {current.kind.label.lower()}"})
        store.pse.delete_payer(current.email)
        notifier.send("email", current.email, "PSE - Eliminación de su registro", _deleted_text(current))
    return current


def _authenticated(store: AchStore, email: str, question: str, answer: str) -> PsePayer:
    payer = store.pse.get_payer(email.strip())
    if payer is None:
        raise FormProblems({"email": "Este correo no está registrado en PSE"})
    if payer.security_question != question or not payer.answers(answer):
        raise FormProblems({"respuesta": "La pregunta o la respuesta de seguridad no coinciden con su registro"})
    return payer


def _summary(payer: PsePayer) -> str:
    return (f"Tipo de persona: {payer.kind.label}\nDocumento: {payer.document.type.code} {payer.document.number}\n"
            f"Nombre: {payer.full_name}\nCorreo electrónico: {payer.email}\n")


def _registered_text(payer: PsePayer) -> str:
    return (f"Hola {payer.full_name}:\n\nSu registro en PSE (Pagos Seguros en Línea) de ACH Colombia fue exitoso. "
            f"Ya puede pagar escribiendo este correo en la página de PSE y eligiendo \"Ir al Banco\".\n\n"
            f"{_summary(payer)}\nSi usted no hizo este registro, comuníquese con ACH Colombia.")


def _updated_text(payer: PsePayer) -> str:
    return (f"Hola {payer.full_name}:\n\nSus datos de registro en PSE fueron actualizados.\n\n{_summary(payer)}\n"
            "Si usted no hizo este cambio, comuníquese con ACH Colombia.")


def _deleted_text(payer: PsePayer) -> str:
    return (f"Hola {payer.full_name}:\n\nSu registro en PSE fue eliminado. Para pagar de nuevo con PSE deberá "
            "registrarse otra vez.\n\nSi usted no hizo esta solicitud, comuníquese con ACH Colombia.")
