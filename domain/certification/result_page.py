"""`pagina_resultado` (optional per run): the merchant's result page for each payment shows its state; for PSE
the bank's name and the CUS; for 999 and 4001 ACH's fixed pending message (with the CUS for PSE only)
(zonapagos-ws.md §15 "Result page", "Data shown", "Pending message"; pse.md §4 "Receipt / result page")."""
from __future__ import annotations

from domain.certification.finding import Evidence, Rule, Verdict, judged
from domain.certification.record import PaymentHistory, Rehearsal, ResultPage
from domain.shared.ach_notices import pending_notice
from domain.shared.payment_states import PaymentMethod, PaymentState

# Words that name each state on a page (any of them, case and accents as written).
STATE_WORDS: dict[PaymentState, tuple[str, ...]] = {
    PaymentState.APPROVED: ("aprobad", "exitos"),
    PaymentState.DECLINED: ("declinad", "rechazad"),
    PaymentState.PENDING_START: ("pendiente",),
    PaymentState.PENDING_FINISH: ("pendiente",),
    PaymentState.REVIEW_PENDING: ("pendiente",),
    PaymentState.REJECTED: ("rechazad",),
    PaymentState.BANK_ERROR: ("rechazad", "error"),
    PaymentState.REVIEW_REJECTED: ("rechazad",),
    PaymentState.REVIEW_ERROR: ("rechazad", "error"),
}


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


def page_problems(page: ResultPage, payment: PaymentHistory, state: PaymentState, phone: str, email: str) -> list[str]:
    """What the page fails to show for `payment` in `state` (empty when it shows everything)."""
    if page.status != 200:
        return [f"la página respondió {page.status}" if page.status else "la página no se pudo obtener"]
    text = _plain(page.text)
    problems = []
    if not any(word in text for word in STATE_WORDS[state]):
        problems.append(f"no muestra el estado ({state.label})")
    pse = payment.method is PaymentMethod.PSE and bool(payment.cus)
    if pse and payment.bank_name and _plain(payment.bank_name) not in text:
        problems.append("no muestra el nombre del banco")
    if pse and payment.cus not in text:
        problems.append("no muestra el CUS")
    if state in (PaymentState.PENDING_FINISH, PaymentState.REVIEW_PENDING):
        notice = pending_notice(payment.reference, phone, email, payment.cus if pse else "")
        if _plain(notice) not in text:
            problems.append("no muestra el mensaje de pago pendiente de ACH")
    return problems


def _check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
    if record.result_pages is None:
        return Verdict.NO_EVIDENCE, [Evidence("No se pidió revisar las páginas de resultado en esta ejecución")]
    by_id = {p.payment_id: p for p in record.payments}
    violations, shown = [], []
    for page in record.result_pages:
        payment = by_id.get(page.payment_id)
        state = payment.changes[-1].state if payment is not None and payment.changes else None
        if payment is None or state is None:
            continue
        problems = page_problems(page, payment, state, record.support_phone, record.support_email)
        if problems:
            violations.append(Evidence(f"id_pago {payment.reference} ({int(state)}): {'; '.join(problems)}",
                                       payments=(payment.payment_id,)))
        else:
            shown.append(payment.payment_id)
    met = [Evidence(f"{len(shown)} páginas de resultado muestran lo exigido", payments=tuple(shown))] if shown else []
    return judged(violations, met, "No se obtuvo ninguna página de resultado")


RULE = Rule("pagina_resultado", "La página de resultado muestra estado, banco, CUS y el mensaje de pendiente",
            "zonapagos-ws.md §15 (página de resultado, mensaje de pendiente); pse.md §4", _check)
