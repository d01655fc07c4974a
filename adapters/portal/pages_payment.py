"""Steps 6–9 on the page: products and amounts, the payer, the detail, "Iniciar transacción"."""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from aiohttp import web

from adapters.portal.pages_identity import DOCUMENT_TYPES, continue_url, current_session, form_post, home_page
from adapters.portal.web import notice, portal_of, render, see_other, visit_of
from domain.shared.errors import DomainError
from domain.shared.money import Money, total
from domain.recaudo.products import ChoiceKind
from domain.recaudo.session import SessionState
from domain.recaudo.usecases import visit as steps
from domain.recaudo.usecases.payment import PaymentBlocked, PaymentStarting, StartUncertain, start_transaction

if TYPE_CHECKING:
    from domain.recaudo.session import RecaudoSession

STARTING_WAIT_SECONDS = 10.0  # a second click waits this long for the first one's gateway answer


def field_name(prefix: str, key: tuple[str, str]) -> str:
    return f"{prefix}__{key[0]}__{key[1]}"


def _chosen(form: dict[str, str]) -> list[steps.ChoiceInput]:
    inputs = []
    for name, kind in form.items():
        parts = name.split("__")
        if len(parts) == 3 and parts[0] == "opcion":
            key = (parts[1], parts[2])
            inputs.append(steps.ChoiceInput(key[0], key[1], kind, form.get(field_name("valor", key), "")))
    return inputs


def _form_from_selection(session: RecaudoSession | None) -> dict[str, str]:
    kept: dict[str, str] = {}
    if session is not None and session.selection is not None:
        for line in session.selection.lines:
            kept[field_name("opcion", line.product.key)] = line.choice.kind.name
            if line.choice.amount is not None:
                kept[field_name("valor", line.product.key)] = line.choice.amount.format().removeprefix("$")
    return kept


def _typed_amounts(form: dict[str, str], reasons: dict[tuple[str, str], str]) -> dict[tuple[str, str], Money]:
    """A refused line shows the amount still typed in its box, so the row, the total and the box agree."""
    shown: dict[tuple[str, str], Money] = {}
    for key in reasons:
        try:
            if ChoiceKind[form.get(field_name("opcion", key), "")].takes_amount:
                shown[key] = Money.parse(form.get(field_name("valor", key), ""))
        except (KeyError, DomainError):
            continue
    return shown


def _shown_amounts(form: dict[str, str], offers: tuple[steps.ProductOffer, ...] | list[steps.ProductOffer]) -> dict[tuple[str, str], Money]:
    """What each chosen row shows while nothing was checked yet: its offered amount, or the amount typed."""
    shown: dict[tuple[str, str], Money] = {}
    for offer in offers:
        kind = form.get(field_name("opcion", offer.key), "")
        for choice in offer.choices:
            if choice.kind.name != kind or choice.kind is ChoiceKind.NO_PAY:
                continue
            try:
                amount = choice.amount if choice.amount is not None else Money.parse(
                    form.get(field_name("valor", offer.key), ""))
            except DomainError:
                continue
            if amount is not None:
                shown[offer.key] = amount
    return shown


def _without(form: dict[str, str], removed: str) -> dict[str, str] | None:
    """The form with the product named by "x" (`quitar`, its `opcion__…` field) set back to "No pagar"."""
    if not removed.startswith("opcion__") or removed not in form:
        return None
    kept = {**form, removed: ChoiceKind.NO_PAY.name}
    kept.pop("valor__" + removed.removeprefix("opcion__"), None)
    kept.pop("quitar", None)
    return kept


def products_page(request: web.Request, status: int = 200, form: dict[str, str] | None = None,
                  reasons: dict[tuple[str, str], str] | None = None,
                  amounts: dict[tuple[str, str], Money] | None = None, error: str = "") -> web.Response:
    ports = portal_of(request).ports
    session = current_session(request)
    try:
        offers = steps.products_to_choose(visit_of(request), ports.sessions, ports.clock)
    except DomainError:
        return see_other(request, continue_url(session))
    if form is None:
        form = _form_from_selection(session)
    elif amounts is None and not reasons:  # an "x" pressed: the rows show what is still chosen
        amounts = _shown_amounts(form, offers)
    if amounts is None and session is not None and session.selection is not None:
        amounts = {line.product.key: line.amount for line in session.selection.lines}
    amounts = {**_typed_amounts(form, reasons or {}), **(amounts or {})}
    return render(request, "productos.html", status=status, step=3, offers=offers, form=form, reasons=reasons or {},
                  amounts=amounts, total=total(list(amounts.values())), error=error, field_name=field_name,
                  session=session, entity_name=session.associate.entity.name if session else "")


async def products(request: web.Request) -> web.Response:
    """Step 6 "Información de productos"."""
    return products_page(request)


@form_post
async def choose_products(request: web.Request, form: dict[str, str]) -> web.Response:
    ports = portal_of(request).ports
    remaining = _without(form, form.get("quitar", ""))
    if remaining is not None:  # the chosen list's "x": that product back to "No pagar", nothing chosen yet
        return products_page(request, 200, remaining)
    try:
        steps.choose_products(visit_of(request), _chosen(form), ports.sessions, ports.clock)
    except steps.SessionExpired as expired:
        return home_page(request, 400, error=expired.message)
    except steps.ProductsRefused as refused:
        return products_page(request, 400, form, refused.reasons, refused.amounts, refused.message)
    except DomainError as refused:
        return products_page(request, 400, form, error=refused.message)
    return see_other(request, "/recaudo/pagador")


def payer_page(request: web.Request, status: int = 200, form: dict[str, str] | None = None,
               errors: dict[str, str] | None = None, error: str = "") -> web.Response:
    session = current_session(request)
    if session is None or session.state not in (SessionState.PRODUCTS_CHOSEN, SessionState.PAYER_SET,
                                                SessionState.DETAIL_CONFIRMED):
        return see_other(request, continue_url(session))
    if form is None:
        form = {}
        payer = session.payer
        if payer is not None and not payer.is_associate:
            form = {"depositante": "si", "tipo_documento": payer.document.type.code,
                    "numero_documento": payer.document.number, "nombres": payer.first_names,
                    "apellidos": payer.last_names, "correo": payer.email or "", "celular": payer.mobile or ""}
    return render(request, "pagador.html", status=status, step=4, session=session, associate=session.associate,
                  form=form, errors=errors or {}, error=error, document_types=DOCUMENT_TYPES,
                  total=session.total(), entity_name=session.associate.entity.name)


async def payer(request: web.Request) -> web.Response:
    """Step 7 "Información del pagador"."""
    return payer_page(request)


DEPOSITOR_FIELDS = {"document_type": "tipo_documento", "document_number": "numero_documento",
                    "first_names": "nombres", "last_names": "apellidos", "email": "correo", "mobile": "celular"}


@form_post
async def set_payer(request: web.Request, form: dict[str, str]) -> web.Response:
    ports = portal_of(request).ports
    depositor = None
    if form.get("depositante") == "si":
        depositor = steps.DepositorInput(*(form.get(name, "") for name in DEPOSITOR_FIELDS.values()))
    try:
        steps.set_payer(visit_of(request), depositor, ports.sessions, ports.clock)
    except steps.SessionExpired as expired:
        return home_page(request, 400, error=expired.message)
    except steps.PayerRefused as refused:
        errors = {DEPOSITOR_FIELDS.get(k, k): v for k, v in refused.errors.items()}
        return payer_page(request, 400, form, errors, refused.message)
    except DomainError as refused:
        return payer_page(request, 400, form, error=refused.message)
    return see_other(request, "/recaudo/detalle")


def detail_page(request: web.Request, status: int = 200, form: dict[str, str] | None = None, error: str = "",
                field: str = "", blocked: str = "") -> web.Response:
    portal = portal_of(request)
    ports = portal.ports
    session = current_session(request)
    try:
        detail = steps.payment_detail(visit_of(request), ports.sessions, ports.payments, ports.clock)
    except DomainError:
        return see_other(request, continue_url(session))
    session = detail.session
    payment = ports.payments.get(detail.reference)
    started = session.state in (SessionState.PAYMENT_STARTED, SessionState.FINAL) and payment is not None
    if form is None:
        form = {"descripcion": session.description or "", "terminos": "si" if session.terms_accepted else ""}
    return render(request, "detalle.html", status=status, step=5, detail=detail, session=session, form=form,
                  error=error, field=field, blocked=blocked, started=started, payment=payment,
                  merchant_id=portal.settings.merchant_id, entity_name=session.associate.entity.name)


async def detail(request: web.Request) -> web.Response:
    """Step 8 "Detalle del pago"."""
    return detail_page(request)


async def _wait_for_url(request: web.Request, reference: str) -> str:
    """A second click while the first waits for the gateway: follow the same payment once it has its URL."""
    payments = portal_of(request).ports.payments
    deadline = asyncio.get_running_loop().time() + STARTING_WAIT_SECONDS
    while asyncio.get_running_loop().time() < deadline:
        found = payments.get(reference)
        if found is None or found.payment_url or found.uncertain:
            return found.payment_url if found else ""
        await asyncio.sleep(0.1)
    return ""


@form_post
async def start(request: web.Request, form: dict[str, str]) -> web.Response:
    """Step 9 "Iniciar transacción": the browser goes to the gateway's payment page."""
    portal = portal_of(request)
    ports = portal.ports
    if portal.gateway is None:
        return detail_page(request, 503, form, "La pasarela de pagos no está disponible en este momento.")
    try:
        payment = await start_transaction(visit_of(request), form.get("descripcion", ""), form.get("terminos") == "si",
                                          ports.sessions, ports.payments, portal.gateway, ports.core, ports.clock,
                                          portal.settings.contacts)
    except steps.SessionExpired as expired:
        return home_page(request, 400, error=expired.message)
    except PaymentBlocked as blocked:
        return detail_page(request, 409, form, blocked=blocked.message)
    except PaymentStarting as starting:
        url = await _wait_for_url(request, starting.reference)
        if url:
            return see_other(request, url)
        return notice(request, "Transacción en proceso", starting.message, 409, "/recaudo/detalle", "Volver al detalle")
    except StartUncertain as uncertain:
        return notice(request, "No fue posible confirmar la transacción", uncertain.message, 502)
    except DomainError as refused:
        return detail_page(request, 400, form, refused.message, refused.field or "")
    return see_other(request, payment.payment_url)
