"""Step 15 on the page: the return from the gateway (`/recaudo/retorno?id_comercio=…&id_pago=…`), and the
sonda's trigger for tests."""
from __future__ import annotations

import ipaddress
import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from aiohttp import web

from adapters.portal.web import notice, portal_of, render, secure_headers, visit_of
from domain.shared.errors import DomainError
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.recaudo.usecases.payment import payment_result

if TYPE_CHECKING:
    from adapters.portal.sonda_task import SondaRunner

OUTCOMES: dict[PaymentState | None, tuple[str, str]] = {  # looked up with a payment's state, None included
    PaymentState.APPROVED: ("aprobado", "Pago aprobado"),
    PaymentState.PENDING_START: ("pendiente", "Pago pendiente por iniciar"),
    PaymentState.PENDING_FINISH: ("pendiente", "Pago pendiente"),
    PaymentState.REVIEW_PENDING: ("pendiente", "Pago pendiente"),
}
METHODS = {int(PaymentMethod.PSE): "Débito y Corriente PSE", int(PaymentMethod.CARD): "Tarjeta de crédito"}


async def payment_return(request: web.Request) -> web.Response:
    """Never trust the redirect: verify through the gateway port and show what it says."""
    portal = portal_of(request)
    ports = portal.ports
    if portal.gateway is None:
        return notice(request, "Pasarela no disponible", "No es posible consultar el pago en este momento.", 503)
    merchant = request.query.get("id_comercio", request.query.get("idcomercio", ""))
    try:
        result = await payment_result(request.query.get("id_pago", ""), merchant, portal.settings.merchant_id,
                                      ports.payments, ports.sessions, portal.gateway, ports.core, ports.clock,
                                      portal.settings.contacts)
    except DomainError as refused:
        status = 404 if refused.message.startswith("No encontramos") else 400
        return notice(request, "No es posible mostrar el pago", refused.message, status)
    payment = result.payment
    state = payment.state
    outcome, heading = OUTCOMES.get(state, ("rechazado", state.label if state else "Pago sin confirmar"))
    if payment.not_created:
        outcome, heading = "rechazado", "La transacción no fue creada"
    own = visit_of(request) == payment.session_id  # the products are shown only to the visit that paid
    associate = ports.core.find_associate(payment.associate)  # the header keeps the entity's name
    return render(request, "resultado.html", step=6, payment=payment, result=result, outcome=outcome,
                  entity_name=associate.entity.name if associate else "",
                  rejected=payment.not_created or (state is not None and state.is_final
                                                   and state is not PaymentState.APPROVED),
                  heading=heading, own=own, method=METHODS.get(payment.method or 0, ""),
                  state_label=state.label if state else "", credited=payment.credited_at is not None,
                  again_url=request.path_qs)


def _loopback(request: web.Request) -> bool:
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False


async def sonda_now(request: web.Request, runner: SondaRunner) -> web.Response:
    """POST /recaudo/_sonda/ejecutar: one sonda pass now (the domain's schedule still applies).

    Only with the `test_hooks` setting and only from loopback; otherwise it does not exist.
    """
    portal = portal_of(request)
    if not portal.settings.test_hooks or not _loopback(request) or portal.gateway is None:
        return notice(request, "Página no encontrada", "La dirección no existe en el portal de recaudo.", 404)
    report = await runner.run_pass()
    response = web.Response(text=json.dumps(asdict(report), ensure_ascii=False), content_type="application/json")
    return secure_headers(portal, response)
