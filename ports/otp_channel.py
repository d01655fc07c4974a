"""The OTP channel port: how the security code reaches the associate (SMS to the mobile, e-mail)."""
from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from domain.recaudo.associate import Associate


class OtpDeliveryFailed(Exception):
    """No channel could take the code; the associate may ask for another one."""


class OtpChannel(Protocol):
    def send_code(self, associate: Associate, code: str, validity: timedelta) -> tuple[str, ...]:
        """Send `code` to the associate's registered mobile and e-mail.

        Returns where it went, masked (`******6048`, `n**********@example.com`), for the dialog to say;
        raises OtpDeliveryFailed when nothing could be sent. Never logs the code.
        """
        ...
