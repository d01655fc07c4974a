"""MerchantUser: a merchant's backend starting payments over SOAP and verifying them.

Each iteration: inicio_pagoV2 (raw SOAP, fixture F1) → for a share of the payments (ZP_APPROVE_RATIO) force
approval through the control API, the simulator's shortcut for "the payer paid" → verificar_pago_v4 (fixture F2,
int_no_pago -1), checking the state. A payment left at 888 goes to the merchant's pending list for its sonda.
"""
from __future__ import annotations

import random

from locust import FastHttpUser, between, task

from loadtests import payment_log, pending, settings
from loadtests.merchant_backend import force_approval, new_reference, start_payment, verify_payment
from loadtests.soap_answers import APPROVED


class MerchantUser(FastHttpUser):
    weight = 3
    wait_time = between(0.01, 0.1)

    @task
    def pay(self) -> None:
        reference = new_reference()
        identificador = start_payment(self.client, reference)
        if identificador is None:
            return
        payment_log.record("inicio", identificador, reference)
        expected = None
        if random.random() < settings.APPROVE_RATIO and force_approval(self.client, identificador):
            payment_log.record("aprobado", identificador)
            expected = APPROVED
        attempts = verify_payment(self.client, reference, expected_state=expected)
        if attempts is not None and attempts[-1][1] != APPROVED:
            pending.add(reference)
