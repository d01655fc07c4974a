"""SondaUser: the merchant's sonda, polling verificar_pago_v4 for its payments without a final state.

A real sonda looks every 12 minutes (docs/decisions.md, "Sonda"); here a pass runs every 0.5–2 s so that a short
run polls at all. Each pass verifies up to ZP_SONDA_BATCH pending payments of this process's merchant backend
(loadtests/pending.py); a payment still pending goes back to the list, at most ZP_SONDA_MAX_POLLS polls in all.
"""
from __future__ import annotations

from locust import FastHttpUser, between, task

from loadtests import pending, settings
from loadtests.merchant_backend import verify_payment
from loadtests.soap_answers import FINAL_STATES

NAME_SONDA = "verificar_pago_v4 (sonda)"


class SondaUser(FastHttpUser):
    weight = 1
    wait_time = between(0.5, 2.0)

    @task
    def poll_pending_payments(self) -> None:
        for payment in pending.take(settings.SONDA_BATCH):
            payment.polls += 1
            attempts = verify_payment(self.client, payment.reference, name=NAME_SONDA)
            if attempts is None:
                continue  # a counted failure; the next poll would fail the same way
            if attempts[-1][1] not in FINAL_STATES and payment.polls < settings.SONDA_MAX_POLLS:
                pending.put_back(payment)
