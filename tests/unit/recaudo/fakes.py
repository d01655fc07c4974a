"""Fakes of the recaudo portal's ports that are not storage: the gateway and the OTP channel."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from domain.recaudo.associate import Associate
from domain.shared.contact import mask_mobile
from domain.shared.money import Money
from domain.shared.gateway_records import Payer, PseTrace
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.otp_channel import OtpDeliveryFailed
from ports.payment_gateway import (
    AttemptRecord, GatewayRejected, GatewayUnreachable, PaymentRequest, StartedPayment, VerificationResult,
)


@dataclass
class RecordingOtpChannel:
    codes: list[str] = field(default_factory=list)
    sent_to: list[str] = field(default_factory=list)
    fail: bool = False

    def send_code(self, associate: Associate, code: str, validity: timedelta) -> tuple[str, ...]:
        if self.fail:
            raise OtpDeliveryFailed("down")
        self.codes.append(code)
        self.sent_to.append(associate.mobile or "")
        return (mask_mobile(associate.mobile),) if associate.mobile else ("correo",)

    @property
    def last_code(self) -> str:
        return self.codes[-1]


class FakeGateway:
    """Starts payments in memory; the test decides what verification says (`states[reference]`)."""

    def __init__(self) -> None:
        self.started: list[PaymentRequest] = []
        self.states: dict[str, PaymentState] = {}
        self.verify_calls: list[str] = []
        self.start_error: Exception | None = None
        self.verify_error: Exception | None = None
        self.lost_start = False  # the start reaches the gateway but its answer is lost

    async def start_payment(self, request: PaymentRequest) -> StartedPayment:
        if self.start_error is not None:
            raise self.start_error
        self.started.append(request)
        self.states.setdefault(request.reference, PaymentState.PENDING_START)
        if self.lost_start:
            raise GatewayUnreachable("timeout")
        identifier = str(42750000 + len(self.started))
        return StartedPayment(identifier, f"http://gateway.test/t_demo/pago.asp?identificador={identifier}")

    async def verify(self, reference: str, attempt_number: int = -1) -> VerificationResult:
        self.verify_calls.append(reference)
        if self.verify_error is not None:
            raise self.verify_error
        if reference not in self.states:
            return VerificationResult([])
        request = next(r for r in self.started if r.reference == reference)
        state = self.states[reference]
        method = int(PaymentMethod.PSE) if state is not PaymentState.PENDING_START else 0
        pse = PseTrace("18092100001", "2701", "1022", "BANCO UNION COLOMBIANO", "1468001", "1") if method else None
        return VerificationResult([AttemptRecord(1, state, request.total, Money.zero(), request.description,
                                                 request.payer, request.optional_fields, "23/11/2026 10:00:00",
                                                 method, pse)])


__all__ = ["FakeGateway", "RecordingOtpChannel", "GatewayRejected", "GatewayUnreachable", "Payer"]
