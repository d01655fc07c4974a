"""The portal's signed form values: CSRF tokens bound to the visit (its bot check: test_bot_check.py)."""
from __future__ import annotations

from adapters.portal.signing import FormSigner


class Now:
    def __init__(self, at: float = 1_800_000_000.0):
        self.at = at

    def __call__(self) -> float:
        return self.at


def test_a_csrf_token_is_valid_only_for_its_visit_and_form_for_four_hours():
    now = Now()
    signer = FormSigner(b"k" * 32, now)
    token = signer.token("recaudo", "visit-a")
    assert signer.check("recaudo", "visit-a", token)
    assert not signer.check("recaudo", "visit-b", token)
    assert not signer.check("otro", "visit-a", token)
    assert not signer.check("recaudo", "", token)
    assert not FormSigner(b"x" * 32, now).check("recaudo", "visit-a", token)
    for forged in ("", "1.2.3", "abc.def", token[:-1] + ("0" if token[-1] != "0" else "1"), "9" * 90):
        assert not signer.check("recaudo", "visit-a", forged)
    now.at += 4 * 3600 + 1
    assert not signer.check("recaudo", "visit-a", token)

