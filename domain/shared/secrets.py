"""Stored secrets (merchant passwords, OTP codes): salted hashes, compared in constant time."""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class SecretHash:
    """A salted SHA-256 of a secret. The clear secret is never kept."""

    salt: str
    digest: str

    @classmethod
    def of(cls, secret: str, salt: str) -> SecretHash:
        return cls(salt, _digest(secret, salt))

    def matches(self, candidate: str) -> bool:
        """Constant-time comparison of a candidate secret against the stored hash."""
        return hmac.compare_digest(_digest(candidate, self.salt), self.digest)

    def encode(self) -> str:
        return f"{self.salt}${self.digest}"

    @classmethod
    def decode(cls, text: str) -> SecretHash:
        salt, _, digest = text.partition("$")
        return cls(salt, digest)


def _digest(secret: str, salt: str) -> str:
    # HMAC-SHA256 keyed by the salt: fast enough for the verification hot path, and these are
    # simulator credentials, not user passwords worth a slow KDF.
    return hmac.new(salt.encode(), secret.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
