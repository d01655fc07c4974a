"""The journal of the simulator's own deliveries to merchants' servers (notifications, §12): each POST as an
entry of channel `saliente`, its body with the shared password masked and card numbers netted, the merchant's
answer as the response (status 0 when none came, the reason as the response text)."""
from __future__ import annotations

import json
import time
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from domain.gateway.delivery import ReceiverAnswer
from ports.deliveries import MerchantReceiver
from simulator.control.journal import JournalRecorder
from simulator.control.journal_view import HIDDEN
from simulator.control.masking import mask_cards

SECRET_FIELDS = ("Password", "str_clave")


def _view(payload: Mapping[str, Any]):
    def render() -> str:
        shown = {k: (HIDDEN if k in SECRET_FIELDS and v else v) for k, v in payload.items()}
        return mask_cards(json.dumps(shown, ensure_ascii=False, default=str))
    return render


class JournaledReceiver:
    """A MerchantReceiver that journals every POST the inner one makes (or fails to make)."""

    def __init__(self, inner: MerchantReceiver, recorder: JournalRecorder):
        self.inner = inner
        self.recorder = recorder

    async def post_json(self, merchant_id: int, url: str, payload: Mapping[str, Any],
                        timeout: timedelta) -> ReceiverAnswer:
        started = time.perf_counter()
        answer = await self.inner.post_json(merchant_id, url, payload, timeout)
        operation = "NotificarPagos" if "IdPago" in payload else "Notificar"
        self.recorder.record_outbound(operation, url, answer.status or 0, started, _view(payload),
                                      answer.body if answer.status is not None else answer.error)
        return answer
