"""Steps 1–5 on the page: document, greeting, "Consultar Productos", the security-code dialog, "Cerrar"."""
from __future__ import annotations

import functools
from typing import Awaitable, Callable

from aiohttp import web

from adapters.portal.web import (
    EXPIRED_FORM, csrf_ok, new_visit, portal_of, read_form, render, see_other, visit_of,
)
from domain.shared.errors import DomainError
from domain.shared.identity import DOCUMENT_RULES
from domain.shared.otp import OtpLocked, OtpResendTooSoon
from domain.recaudo.session import RecaudoSession, SessionState
from domain.recaudo.usecases import visit as steps
MESSAGES = {
    "cerrada": "Su consulta fue cerrada. Puede iniciar una nueva cuando lo desee.",
    "expirada": "Su consulta expiró. Ingrese de nuevo su documento.",
    "reenviado": "Enviamos un nuevo código de seguridad. El anterior ya no es válido.",
    "reintentar": "Ingrese su documento para intentar de nuevo el pago de sus productos.",
}
# Where a session in each state continues.
CONTINUE_AT = {
    SessionState.IDENTIFIED: "/recaudo/",
    SessionState.OTP_SENT: "/recaudo/codigo",
    SessionState.OTP_VERIFIED: "/recaudo/productos",
    SessionState.PRODUCTS_CHOSEN: "/recaudo/pagador",
    SessionState.PAYER_SET: "/recaudo/detalle",
    SessionState.DETAIL_CONFIRMED: "/recaudo/detalle",
    SessionState.PAYMENT_STARTED: "/recaudo/detalle",
    SessionState.FINAL: "/recaudo/detalle",
}
DOCUMENT_TYPES = [(t.code, t.label, DOCUMENT_RULES[t].max_length) for t in steps.PORTAL_DOCUMENT_TYPES]


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
FormHandler = Callable[[web.Request, dict[str, str]], Awaitable[web.StreamResponse]]


def form_post(handler: FormHandler) -> Handler:
    """A form posted in the visit: read, its CSRF token checked (a refused one shows the home page with
    EXPIRED_FORM, 403), then `handler(request, form)`."""
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        if not csrf_ok(request, form):
            return home_page(request, 403, error=EXPIRED_FORM)
        return await handler(request, form)
    return wrapped


def current_session(request: web.Request) -> RecaudoSession | None:
    """The visit's session when it is still usable, else None."""
    ports = portal_of(request).ports
    try:
        return steps.load_session(visit_of(request), ports.sessions, ports.clock)
    except DomainError:
        return None


def continue_url(session: RecaudoSession | None) -> str:
    return CONTINUE_AT.get(session.state, "/recaudo/") if session else "/recaudo/?m=expirada"


def home_page(request: web.Request, status: int = 200, message: str = "", error: str = "", field: str = "",
              form: dict[str, str] | None = None, session: RecaudoSession | None = None,
              visit: str | None = None) -> web.Response:
    """Steps 1–3: the identification form, and the greeting with "Consultar Productos" once identified."""
    portal = portal_of(request)
    visit = visit or visit_of(request) or new_visit()
    identified = session is not None and session.state is SessionState.IDENTIFIED
    return render(
        request, "identificacion.html", status=status, visit=visit, step=1, message=message, error=error,
        field=field, form=form or {}, document_types=DOCUMENT_TYPES, session=session, identified=identified,
        continue_url=continue_url(session) if session and not identified else "",
        challenge=None if identified else portal.bot.challenge(visit),
        entity_name=session.associate.entity.name if session else "",
    )


async def home(request: web.Request) -> web.Response:
    session = current_session(request)
    return home_page(request, message=MESSAGES.get(request.query.get("m", ""), ""), session=session)


async def identify(request: web.Request) -> web.Response:
    """Steps 2–3: identify the document; the new session gets a new visit id."""
    form = await read_form(request)
    kept = {k: form.get(k, "") for k in ("tipo_documento", "numero_documento")}
    if not csrf_ok(request, form):
        return home_page(request, 403, error=EXPIRED_FORM, form=kept)
    portal = portal_of(request)
    missing = _missing(form, portal.bot.challenge(visit_of(request)) is not None)
    if missing:  # an empty form says what is missing, not only that the verification answer is wrong
        field = "document_type" if not kept["tipo_documento"] else (
            "document_number" if not kept["numero_documento"].strip() else "verificacion")
        return home_page(request, 400, error=missing, field=field, form=kept)
    if not portal.bot.accepts(visit_of(request), form):
        return home_page(request, 400, error="La respuesta de verificación no es correcta. Resuelva de nuevo la "
                         "operación", field="verificacion", form=kept)
    ports, visit = portal.ports, new_visit()
    try:
        steps.identify_associate(kept["tipo_documento"], kept["numero_documento"], visit, ports.core, ports.sessions,
                                 ports.clock)
    except DomainError as refused:
        return home_page(request, 400, error=refused.message, field=refused.field or "", form=kept)
    return see_other(request, "/recaudo/", visit)


def _missing(form: dict[str, str], asks_check: bool) -> str:
    """"Falta …" naming every empty field of the identification form, or "" when none is empty."""
    fields = (("tipo_documento", "el tipo de documento"), ("numero_documento", "el número de documento"),
              ("verificacion", "la respuesta de la verificación"))
    empty = [key for key, _ in fields[:3 if asks_check else 2] if not form.get(key, "").strip()]
    alone = {"tipo_documento": "Seleccione el tipo de documento",  # one field alone: the domain's own words
             "numero_documento": "El número de documento es obligatorio",
             "verificacion": "Falta la respuesta de la verificación."}
    if len(empty) == 1:
        return alone[empty[0]]
    names = [name for key, name in fields if key in empty]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " y " + names[-1]
    return f"Falta {listed}."


async def request_code(request: web.Request) -> web.Response:
    """Step 4 "Consultar Productos": the code goes to phone and e-mail, then the dialog opens."""
    form = await read_form(request)
    session = current_session(request)
    if not csrf_ok(request, form) or session is None:
        return home_page(request, 403, error=EXPIRED_FORM)
    if session.state is not SessionState.IDENTIFIED:  # a second click, or the back button: carry on
        return see_other(request, continue_url(session))
    portal = portal_of(request)
    ports = portal.ports
    try:
        steps.request_security_code(session.session_id, ports.sessions, ports.otp_channel, ports.ids, ports.clock,
                                    portal.settings.otp_policy)
    except DomainError as refused:
        return home_page(request, 400, error=refused.message, session=current_session(request))
    return see_other(request, "/recaudo/codigo")


def code_page(request: web.Request, status: int = 200, error: str = "", message: str = "",
              waiting: bool = False) -> web.Response:
    ports = portal_of(request).ports
    session = current_session(request)
    try:
        sent = steps.code_status(visit_of(request), ports.sessions, ports.clock)
    except DomainError:
        if error:  # another tab closed the visit meanwhile (a lock): keep this answer's own refusal visible
            closed = f"{error.rstrip('.')}. La consulta ya no está activa; ingrese de nuevo su documento."
            return home_page(request, status, error=closed, visit=new_visit())
        return see_other(request, continue_url(session))
    return render(request, "codigo.html", status=status, step=2, sent=sent, error=error, message=message,
                  waiting=waiting and sent.resend_in_seconds > 0, session=session, entity_name=session.associate.entity.name if session else "")


async def code_dialog(request: web.Request) -> web.Response:
    """Step 5: "Código de seguridad", with the wait before another code may be asked for."""
    return code_page(request, message=MESSAGES.get(request.query.get("m", ""), ""))


@form_post
async def accept_code(request: web.Request, form: dict[str, str]) -> web.Response:
    """"Aceptar": the right code opens the products; a lock ends the visit."""
    ports = portal_of(request).ports
    if not form.get("codigo_seguridad", "").strip():  # not a wrong attempt: nothing was typed
        return code_page(request, 400, error="Escriba el código de seguridad que le enviamos.")
    try:
        steps.check_security_code(visit_of(request), form.get("codigo_seguridad", "")[:20], ports.sessions,
                                  ports.clock)
    except OtpLocked as locked:
        return home_page(request, 403, error=f"{locked.message}. Por su seguridad la consulta se cerró; ingrese de "
                         "nuevo su documento para recibir otro código.", visit=new_visit())
    except steps.SessionExpired as expired:
        return home_page(request, 400, error=expired.message, visit=new_visit())
    except DomainError as refused:
        return code_page(request, 400, error=refused.message)
    return see_other(request, "/recaudo/productos")


@form_post
async def resend_code(request: web.Request, form: dict[str, str]) -> web.Response:
    """"Enviar otro código de seguridad": refused within 30 s of the last code, with the wait."""
    portal = portal_of(request)
    ports = portal.ports
    try:
        steps.resend_security_code(visit_of(request), ports.sessions, ports.otp_channel, ports.ids, ports.clock,
                                   portal.settings.otp_policy)
    except steps.SessionExpired as expired:
        return home_page(request, 400, error=expired.message, visit=new_visit())
    except OtpResendTooSoon as soon:  # one timer: the refusal itself counts down (no second #espera)
        return code_page(request, 429, error=soon.message, waiting=True)
    except DomainError as refused:
        return code_page(request, 400, error=refused.message)
    return see_other(request, "/recaudo/codigo?m=reenviado")


async def close(request: web.Request) -> web.Response:
    """"Cerrar": the session is abandoned and the visit starts afresh."""
    form = await read_form(request)
    if not csrf_ok(request, form):  # a forged "Cerrar" changes nothing
        return see_other(request, "/recaudo/")
    steps.close_session(visit_of(request), portal_of(request).ports.sessions)
    after = "reintentar" if form.get("siguiente") == "reintentar" else "cerrada"  # "Intentar de nuevo" after a rejection
    return see_other(request, f"/recaudo/?m={after}", new_visit())
