"""The OTP channel that hands the code to a Notifier: SMS to the mobile and an e-mail to the address.

In the simulator the Notifier is the inbox (`/_sim/inbox?para=3107126048`), so nothing leaves the
machine; a real SMS or e-mail gateway is another Notifier behind the same port. The code is never logged.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from domain.recaudo.associate import Associate
from domain.shared.contact import mask_email, mask_mobile
from ports.notifications import Channel, Notifier
from ports.otp_channel import OtpDeliveryFailed

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger("pasarela.portal.otp")
SUBJECT = "Código de seguridad RedCoop Pagos PSE"


def _text(code: str, validity: timedelta, entity: str) -> str:
    minutes = max(1, int(validity.total_seconds() // 60))
    return (f"{entity}: su código de seguridad para RedCoop Pagos PSE es {code}. Vence en {minutes} minutos. "
            "No lo comparta con nadie.")


class NotifierOtpChannel:
    def __init__(self, notifier: Notifier):
        self._notifier = notifier

    def send_code(self, associate: Associate, code: str, validity: timedelta) -> tuple[str, ...]:
        body = _text(code, validity, associate.entity.name)
        sent: list[str] = []
        channels: tuple[tuple[Channel, str | None, Callable[[str], str]], ...] = (
            ("sms", associate.mobile, mask_mobile), ("email", associate.email, mask_email))
        for channel, address, masked in channels:
            if not address:
                continue
            try:
                self._notifier.send(channel, address, SUBJECT, body)
            except Exception as error:  # one channel down must not hide the other
                log.warning("no se pudo enviar el código por %s a %s: %s", channel, masked(address),
                            error.__class__.__name__)
                continue
            sent.append(masked(address))
        if not sent:
            raise OtpDeliveryFailed("ningún canal aceptó el código")
        return tuple(sent)
