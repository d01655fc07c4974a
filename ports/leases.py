"""Named leases: background work that must run once across every process and instance of one database.

A holder takes a job's lease, renews it while it works and gives it back; when the holder dies, the lease
expires and another process takes the job over. The sonda's lease (ports/sonda_lock.py) is one of them;
any other job (notification retries, pruning) takes its own name.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Protocol


class Leases(Protocol):
    def acquire(self, name: str, holder: str, lease: timedelta) -> bool:
        """Take or renew job `name`'s lease for `holder`; False while another holder's lease has not expired."""
        ...

    def release(self, name: str, holder: str) -> None:
        """Give the lease back (only if `holder` has it)."""
        ...
