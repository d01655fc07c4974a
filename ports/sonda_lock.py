"""The sonda's lease: only one process of the portal polls the gateway at a time (zonapagos-ws.md §10)."""
from __future__ import annotations

from datetime import timedelta
from typing import Protocol


class SondaLock(Protocol):
    def acquire(self, holder: str, lease: timedelta) -> bool:
        """Take or renew the lease for `holder`; False while another holder's lease has not expired."""
        ...

    def release(self, holder: str) -> None:
        """Give the lease back (only if `holder` has it)."""
        ...
