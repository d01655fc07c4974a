"""ACH's demo data: the payer of the IOTCS-09 screens is registered at PSE (README documents it)."""
from __future__ import annotations

from datetime import datetime

from domain.ach.payer import PersonKind, RegistrationForm
from domain.ach.transaction import COLOMBIA
from ports.store import SimulatorStore

DEMO_PAYER_EMAIL = "nick.rivera@example.com"
DEMO_SECURITY_ANSWER = "Colegio San José"
UNREGISTERED_EMAIL = "pagador.nuevo@example.com"  # never registered: for the registration flow
SEEDED_AT = datetime(2026, 1, 2, 9, 0, tzinfo=COLOMBIA)

DEMO_PAYER = RegistrationForm(
    kind=PersonKind.NATURAL, document_type="CC", document_number="1033370434", first_names="NICK",
    last_names="RIVERA CAMINERO", mobile="3107126048", address="Calle 10 # 20-30, Bucaramanga",
    email=DEMO_PAYER_EMAIL, email_confirmation=DEMO_PAYER_EMAIL, security_question="colegio",
    security_answer=DEMO_SECURITY_ANSWER, news_opt_in=False, terms_accepted=True,
)


def seed_pse_data(store: SimulatorStore) -> None:
    """Register the demo payer at PSE if missing; never touch other registrations."""
    with store.transaction():
        if store.pse.get_payer(DEMO_PAYER_EMAIL) is None:
            store.pse.save_payer(DEMO_PAYER.to_payer(store.ids.random_digits(16), SEEDED_AT))
