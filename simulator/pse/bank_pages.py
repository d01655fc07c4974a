"""The banks' pages behind PSE: `/banco/{code}?enc=<token>`.

1022 BANCO UNION COLOMBIANO is ACH's certification test bank ("PSE Sample FE", recaudo-portal.md
and pse.md §6): Pay, Cancel, Debug Sonda. 1066 Coopcentral sends the payer into the Red Coopcentral's
flow (simulator/coopcentral/, whose entry URL the composition root hands in). Every other bank shows a generic approve / reject page. Each button
goes through the bank→ACH confirmation and then sends the browser to the transaction's entity URL.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web

from domain.shared.errors import DomainError
from domain.ach.banks import BankPage, find_bank
from domain.ach.codes import AchCode
from domain.ach.transaction import COLOMBIA, PseTransaction, entity_key
from simulator.pse.pages import EXPIRED, never_fails, notice, read_form, text, unknown_transaction
from domain.ach.usecases.payer_flow import BankAction, bank_answer_text, bank_decides
from domain.ach.usecases.transactions import load_by_token, start_url
from simulator.web.csrf import check_csrf, csrf_token
from simulator.web.templating import render
from domain.ach.policy import AchPolicy
from simulator.world import World

BANK_PATH = r"/banco/{code:\d{4}}"
_AGENCY = re.compile(r"\d{1,6}", re.ASCII)
_ACCOUNT = re.compile(r"\d{4,20}", re.ASCII)


# "Medio de Pago": ACH's paymentMode codes (pse.md §3: 15 débito a cuenta, 50 Visa, 51 MasterCard)
PAYMENT_MODES = (("15", "15 - Débito a cuenta"), ("50", "50 - Visa"), ("51", "51 - MasterCard"))


def dotnet_moment(moment: datetime) -> str:
    """How the .NET test page writes a date (en-US `DateTime.ToString()`): `12/3/2026 9:05:00 AM`, in Colombia."""
    local = moment.astimezone(COLOMBIA) if moment.tzinfo else moment
    hour = local.hour % 12 or 12
    return f"{local.month}/{local.day}/{local.year} {hour}:{local:%M:%S} {'AM' if local.hour < 12 else 'PM'}"


def account_problems(form: Any, page: BankPage) -> dict[str, str]:
    """The account data a debit needs; the password is required but never kept nor checked (sandbox)."""
    problems: dict[str, str] = {}
    if page is BankPage.TEST_BANK:
        if text(form, "debito_credito") not in ("debito", "credito"):
            problems["debito_credito"] = "Seleccione débito o crédito"
        if (text(form, "medio_pago") or PAYMENT_MODES[0][0]) not in dict(PAYMENT_MODES):
            problems["medio_pago"] = "Seleccione el medio de pago"
        if not _AGENCY.fullmatch(text(form, "agencia").strip()):
            problems["agencia"] = "La agencia de la cuenta debe tener entre 1 y 6 dígitos"
    if not _ACCOUNT.fullmatch(text(form, "cuenta").strip()):
        problems["cuenta"] = "El número de cuenta debe tener entre 4 y 20 dígitos"
    if not text(form, "clave"):
        problems["clave"] = "La clave es obligatoria"
    return problems


class BankPages:
    def __init__(self, world: World, policy: AchPolicy, own_pages: Mapping[BankPage, Callable[[str], str]]):
        self.world = world
        self.policy = policy
        self.own_pages = own_pages  # banks with pages of their own: the URL of a transaction's token there

    def routes(self) -> list[web.RouteDef]:
        return [web.get(BANK_PATH, self.show), web.post(BANK_PATH, self.act)]

    def _transaction(self, request: web.Request, token: str) -> PseTransaction | web.Response:
        t = load_by_token(self.world.store, token, self.world.clock, self.policy)
        if t is None or t.bank_code != request.match_info["code"]:
            return unknown_transaction(request)
        if t.state.is_final:
            return notice(request, "Transacción procesada",
                          "Esta transacción ya fue procesada por el banco. Regrese al comercio para ver el resultado.",
                          200, back_url=t.entity_url, kind="aviso")
        if not t.payer_email:
            raise web.HTTPSeeOther(start_url(t.token))  # the payer comes through PSE's e-mail page first
        bank = find_bank(t.bank_code)
        if bank is not None and bank.page in self.own_pages:
            raise web.HTTPSeeOther(self.own_pages[bank.page](t.token))  # the network's own pages
        return t

    def _page(self, request: web.Request, t: PseTransaction, fields: dict | None = None, message: str = "",
              problems: dict | None = None, status: int = 200) -> web.Response:
        bank = find_bank(t.bank_code)
        template = "pse/banco_prueba.html" if bank and bank.page is BankPage.TEST_BANK else "pse/banco_generico.html"
        key = entity_key(t.entity_code)
        return render(
            request, template, status=status, t=t, f=fields or {}, message=message, problems=problems or {},
            action=f"/banco/{t.bank_code}?enc={t.token}", csrf=csrf_token(self.world, request, "banco", t.token),
            solicit_date=dotnet_moment(t.solicit_date), references=" / ".join(r for r in t.references if r),
            payment_modes=PAYMENT_MODES,
            # The screens show the NIT with its DV and no separator (8902030889).
            entity_code=t.entity_code.replace("-", "").replace(".", "") if key.isdigit() else t.entity_code,
        )

    @never_fails
    async def show(self, request: web.Request) -> web.StreamResponse:
        found = self._transaction(request, request.query.get("enc", ""))
        return found if isinstance(found, web.Response) else self._page(request, found)

    @never_fails
    async def act(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        found = self._transaction(request, text(form, "enc", 64) or request.query.get("enc", ""))
        if isinstance(found, web.Response):
            return found
        t = found
        fields = {name: text(form, name) for name in ("debito_credito", "agencia", "cuenta", "tipo_cuenta", "medio_pago")}
        fields["llamar_confirm"] = text(form, "llamar_confirm") or ("" if text(form, "confirm_en_pagina") else "si")
        if form is None or not check_csrf(self.world, request, "banco", t.token, text(form, "csrf")):
            return self._page(request, t, fields, EXPIRED, status=403)
        page = find_bank(t.bank_code).page
        action = BankAction.for_page(text(form, "accion", 20), page)
        if action is None:
            return self._page(request, t, fields, "Elija una de las opciones de la página.", status=400)
        if action.debits:
            problems = account_problems(form, page)
            if problems:
                return self._page(request, t, fields, "Revise los datos de la cuenta.", problems, 400)
        try:
            # "Call ConfirmTransactionPayment" unticked on the page (a client that never saw the box calls)
            outcome = bank_decides(t, action, self.world.store, self.world.clock, self.policy, self.world.notifier,
                                   confirm=page is not BankPage.TEST_BANK or bool(fields["llamar_confirm"]))
        except DomainError as error:
            return self._page(request, t, fields, error.message, status=400)
        if outcome.code is not AchCode.SUCCESS:
            return notice(request, "El banco no pudo confirmar el pago", bank_answer_text(outcome.code), 409,
                          back_url=t.entity_url)
        raise web.HTTPSeeOther(t.entity_url)
