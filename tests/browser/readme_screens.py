"""Copy the README's portal screenshots from the browser tests' run: `python -m tests.browser.readme_screens` after
`./dev test tests/browser/test_recaudo_portal.py` (which writes reports/screenshots/recaudo/<test>/<nn>-<page>.png)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAKEN = ROOT / "reports" / "screenshots" / "recaudo"
README_SCREENS = ROOT / "docs" / "screenshots"
APPROVED = "test_a_an_approved_payment_to_a_credit_at_minimum_and_a_savings_deposit_credits_each_once"

# README image → the browser test's screenshot it shows
CHOSEN = {
    "recaudo-01-identificacion.png": f"{APPROVED}/01-identificacion.png",
    "recaudo-02-saludo.png": f"{APPROVED}/02-saludo.png",
    "recaudo-03-codigo-de-seguridad.png": f"{APPROVED}/03-codigo-de-seguridad.png",
    "recaudo-03b-reenvio-antes-de-30-segundos.png":
        "test_c_an_expired_code_is_refused_and_a_resend_within_30_seconds_too/04-reenvio-antes-de-30-segundos.png",
    "recaudo-03c-codigo-bloqueado.png": "test_d_three_wrong_codes_lock_the_session/06-codigo-bloqueado.png",
    "recaudo-04-productos.png": f"{APPROVED}/05-productos-elegidos.png",
    "recaudo-05-pagador.png": f"{APPROVED}/06-pagador.png",
    "recaudo-05b-depositante.png":
        "test_b_a_different_depositor_pays_for_the_associates_products/06-depositante-invalido.png",
    "recaudo-06-detalle.png": f"{APPROVED}/08-detalle-completo.png",
    "recaudo-07-pasarela.png": f"{APPROVED}/10-pasarela-pse.png",
    "recaudo-08-pse.png": f"{APPROVED}/11-pse.png",
    "recaudo-09-banco.png": f"{APPROVED}/12-banco.png",
    "recaudo-10-comprobante.png": f"{APPROVED}/13-comprobante.png",
    "recaudo-11-resultado-aprobado.png": f"{APPROVED}/14-resultado.png",
    "recaudo-12-resultado-pendiente.png":
        "test_f_a_pending_payment_is_resolved_by_the_sonda_after_the_clock_moves/10-resultado-pendiente.png",
    "recaudo-13-resultado-rechazado.png": "test_e_a_rejected_payment_credits_nothing/14-resultado.png",
}


def main() -> int:
    missing = [source for source in CHOSEN.values() if not (TAKEN / source).exists()]
    if missing:
        print("faltan capturas (corra primero ./dev test tests/browser/test_recaudo_portal.py):", *missing,
              sep="\n  ", file=sys.stderr)
        return 1
    for target, source in CHOSEN.items():
        shutil.copyfile(TAKEN / source, README_SCREENS / target)
    print(f"{len(CHOSEN)} capturas copiadas a {README_SCREENS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
