"""PSE's own pages: the e-mail page of a transaction ("Ir al Banco") and the payer registration.

URLs: `/PSEUserRegister/StartTransaction.htm?enc=<token>` (the `bankurl` ACH answers) and
`/PSEUserRegister/Registro[/{natural|juridica}/{registrar|actualizar|eliminar}]`. Every refusal is a
Spanish message on the page; an unknown transaction is a clear page; nothing shows a traceback.
"""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType
from domain.ach.payer import NATURAL_DOCUMENT_TYPES, SECURITY_QUESTIONS, PersonKind, RegistrationForm
from domain.ach.transaction import USER_TYPES, PseTransaction
from simulator.web.forms import form_text, read_form
from domain.ach.usecases.payer_flow import NotRegistered, go_to_bank
from domain.ach.usecases.registration import FormProblems, delete, register, update
from domain.ach.usecases.transactions import START_PATH, load_by_token, start_url
from simulator.web.csrf import check_csrf, csrf_token, new_nonce
from simulator.web.guards import page_guard
from simulator.web.templating import render
from domain.ach.policy import AchPolicy
from simulator.world import World

log = logging.getLogger("pasarela.pse")

REGISTRATION_PATH = "/PSEUserRegister/Registro"
ACTIONS = {"registrar": "Quiero registrarme ahora", "actualizar": "Quiero actualizar mi registro",
           "eliminar": "Quiero borrar mi registro"}  # the registration page's options, as the instructivo writes them
EXPIRED = "La página expiró o no es válida. Revise los datos e intente de nuevo."


def text(form: Any, name: str, limit: int = 200) -> str:
    return form_text(form, name, limit)


def notice(request: web.Request, heading: str, message: str, status: int = 400, back_url: str = "",
           back_label: str = "", kind: str = "error") -> web.Response:
    return render(request, "pse/aviso.html", status=status, heading=heading, text=message, back_url=back_url,
                  back_label=back_label, kind=kind)


def unknown_transaction(request: web.Request) -> web.Response:
    return notice(request, "Transacción no encontrada",
                  "La transacción no existe o el enlace no es válido. Regrese al comercio e intente el pago de nuevo.",
                  404)


never_fails = page_guard(log, lambda request, _: notice(
    request, "Error inesperado", "Ocurrió un error inesperado en PSE. Intente de nuevo en unos minutos.", 500))


class PsePages:
    def __init__(self, world: World, policy: AchPolicy):
        self.world = world
        self.policy = policy
        self.notifier = world.notifier

    def routes(self) -> list[web.RouteDef]:
        form_path = REGISTRATION_PATH + "/{kind}/{action}"
        return [
            web.get(START_PATH, self.start), web.post(START_PATH, self.start_post),
            web.get(REGISTRATION_PATH, self.choose), web.post(REGISTRATION_PATH, self.choose_post),
            web.get(form_path, self.registration_form), web.post(form_path, self.registration_post),
        ]

    # -- "Ir al Banco" ----------------------------------------------------------------------------

    def _start_page(self, request: web.Request, t: PseTransaction, email: str = "", message: str = "",
                    problems: dict | None = None, not_registered: bool = False, status: int = 200) -> web.Response:
        register_url = f"{REGISTRATION_PATH}?" + urlencode({"enc": t.token, "tipo": "natural" if t.user_type == "0"
                                                             else "juridica", "accion": "registrar"})
        return render(
            request, "pse/inicio.html", status=status, t=t, email=email, message=message, problems=problems or {},
            not_registered=not_registered, register_url=register_url, action=start_url(t.token),
            user_type_label=USER_TYPES.get(t.user_type, ""), csrf=csrf_token(self.world, request, "pse_inicio", t.token),
        )

    def _final_notice(self, request: web.Request, t: PseTransaction) -> web.Response:
        return notice(request, "Transacción procesada",
                      "Esta transacción ya fue procesada. Regrese al comercio para ver el resultado.", 200,
                      back_url=t.entity_url, kind="aviso")

    @never_fails
    async def start(self, request: web.Request) -> web.StreamResponse:
        t = load_by_token(self.world.store, request.query.get("enc", ""), self.world.clock, self.policy)
        if t is None:
            return unknown_transaction(request)
        if t.state.is_final:
            return self._final_notice(request, t)
        email = text(request.query, "email", 70) or t.payer_email or t.suggested_email
        return self._start_page(request, t, email)

    @never_fails
    async def start_post(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        token = text(form, "enc", 64) or request.query.get("enc", "")
        t = load_by_token(self.world.store, token, self.world.clock, self.policy)
        if t is None:
            return unknown_transaction(request)
        if t.state.is_final:
            return self._final_notice(request, t)
        email = text(form, "email", 70)
        if form is None or not check_csrf(self.world, request, "pse_inicio", t.token, text(form, "csrf")):
            return self._start_page(request, t, email, EXPIRED, status=403)
        try:
            bank_url = go_to_bank(t.token, email, self.world.store, self.world.clock, self.policy)
        except NotRegistered as error:
            return self._start_page(request, t, email, error.message, {"email": error.message}, True, 200)
        except DomainError as error:
            if error.field == "email":
                return self._start_page(request, t, email, error.message, {"email": error.message}, status=400)
            return notice(request, "No es posible continuar", error.message, 409, back_url=t.entity_url)
        raise web.HTTPSeeOther(bank_url)

    # -- registration -----------------------------------------------------------------------------

    def _choice_page(self, request: web.Request, enc: str, kind: str, action: str, message: str = "",
                     problems: dict | None = None, status: int = 200) -> web.Response:
        nonce = new_nonce()
        return render(request, "pse/registro.html", status=status, enc=enc, tipo=kind, accion=action,
                      nonce=nonce, csrf=csrf_token(self.world, request, "pse_registro", nonce), message=message,
                      problems=problems or {})

    @never_fails
    async def choose(self, request: web.Request) -> web.StreamResponse:
        return self._choice_page(request, text(request.query, "enc", 64), text(request.query, "tipo", 10),
                                 text(request.query, "accion", 12))

    @never_fails
    async def choose_post(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        enc, kind, action = text(form, "enc", 64), text(form, "tipo_persona", 10), text(form, "accion", 12)
        if form is None or not check_csrf(self.world, request, "pse_registro", text(form, "nonce", 40),
                                          text(form, "csrf")):
            return self._choice_page(request, enc, kind, action, EXPIRED, status=403)
        problems = {}
        if kind not in ("natural", "juridica"):
            problems["tipo_persona"] = "Seleccione persona natural o persona jurídica"
        if action not in ACTIONS:
            problems["accion"] = "Seleccione si desea registrarse, actualizar o eliminar su registro"
        if problems:
            return self._choice_page(request, enc, kind, action, next(iter(problems.values())), problems, 400)
        query = f"?{urlencode({'enc': enc})}" if enc else ""
        raise web.HTTPSeeOther(f"{REGISTRATION_PATH}/{kind}/{action}{query}")

    def _form_page(self, request: web.Request, kind: PersonKind, action: str, enc: str, fields: dict,
                   message: str = "", problems: dict | None = None, status: int = 200) -> web.Response:
        nonce = new_nonce()
        context = dict(
            status=status, kind=kind, accion=action, enc=enc, f=fields, message=message, problems=problems or {},
            questions=SECURITY_QUESTIONS, nonce=nonce, csrf=csrf_token(self.world, request, "pse_registro", nonce),
            action=f"{REGISTRATION_PATH}/{kind.slug}/{action}",
        )
        if action == "eliminar":
            return render(request, "pse/registro_eliminar.html", **context)
        heading = "Registro en PSE" if action == "registrar" else "Actualizar mi registro en PSE"
        button = "Registrar" if action == "registrar" else "Actualizar"
        document_types = [(t.code, t.label) for t in NATURAL_DOCUMENT_TYPES]
        return render(request, "pse/registro_formulario.html", heading=f"{heading} · {kind.label}", button=button,
                      document_types=document_types, **context)

    def _kind_and_action(self, request: web.Request) -> tuple[PersonKind, str] | None:
        try:
            kind = PersonKind.from_slug(request.match_info["kind"])
        except DomainError:
            return None
        action = request.match_info["action"]
        return (kind, action) if action in ACTIONS else None

    @staticmethod
    def _unknown_option(request: web.Request) -> web.StreamResponse:
        return notice(request, "Página no encontrada", "La opción de registro no existe.", 404,
                      back_url=REGISTRATION_PATH, back_label="Volver al registro")

    @never_fails
    async def registration_form(self, request: web.Request) -> web.StreamResponse:
        chosen = self._kind_and_action(request)
        if chosen is None:
            return self._unknown_option(request)
        kind, action = chosen
        fields = {"tipo_documento": DocumentType.CC.code, "email": text(request.query, "email", 70)}
        return self._form_page(request, kind, action, text(request.query, "enc", 64), fields)

    @never_fails
    async def registration_post(self, request: web.Request) -> web.StreamResponse:
        chosen = self._kind_and_action(request)
        if chosen is None:
            return self._unknown_option(request)
        kind, action = chosen
        form = await read_form(request)
        fields = {name: text(form, name) for name in (
            "tipo_documento", "numero_documento", "nombres", "apellidos", "razon_social", "celular", "direccion",
            "email", "email_confirmacion", "pregunta", "novedades", "terminos")}
        enc = text(form, "enc", 64)
        if form is None or not check_csrf(self.world, request, "pse_registro", text(form, "nonce", 40),
                                          text(form, "csrf")):
            return self._form_page(request, kind, action, enc, fields, EXPIRED, status=403)
        store, clock = self.world.store, self.world.clock
        try:
            if action == "eliminar":
                payer = delete(kind, fields["email"], fields["pregunta"], text(form, "respuesta"), store, self.notifier)
                done = ("Registro eliminado", f"El registro de {payer.email} en PSE fue eliminado. Le enviamos un "
                        "correo electrónico con la confirmación.")
            else:
                registration = RegistrationForm(
                    kind=kind, document_type=fields["tipo_documento"], document_number=fields["numero_documento"],
                    first_names=fields["nombres"] if kind is PersonKind.NATURAL else fields["razon_social"],
                    last_names=fields["apellidos"] if kind is PersonKind.NATURAL else "", mobile=fields["celular"],
                    address=fields["direccion"], email=fields["email"], email_confirmation=fields["email_confirmacion"],
                    security_question=fields["pregunta"], security_answer=text(form, "respuesta"),
                    news_opt_in=fields["novedades"] == "si", terms_accepted=fields["terminos"] == "si",
                )
                if action == "registrar":
                    payer = register(registration, store, clock, self.notifier)
                    done = ("Registro exitoso", f"Su registro en PSE fue exitoso. Le enviamos un correo electrónico "
                            f"de confirmación a {payer.email}.")
                else:
                    payer = update(registration, store, clock, self.notifier)
                    done = ("Datos actualizados", f"Sus datos de registro en PSE fueron actualizados. Le enviamos un "
                            f"correo electrónico de confirmación a {payer.email}.")
        except FormProblems as error:
            return self._form_page(request, kind, action, enc, fields, "Revise los datos marcados.", error.problems, 400)
        except DomainError as error:
            return self._form_page(request, kind, action, enc, fields, error.message, {}, 400)
        continue_url = ""
        if enc and action != "eliminar":
            continue_url = start_url(enc) + "&" + urlencode({"email": payer.email})
        return render(request, "pse/registro_listo.html", heading=done[0], text=done[1], continue_url=continue_url)
