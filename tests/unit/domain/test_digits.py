"""ascii_int: whole numbers from text, never a traceback."""
from __future__ import annotations

from hypothesis import given, strategies as st

from domain.shared.digits import ascii_int


def test_ascii_digits_within_the_bound_are_read():
    assert ascii_int("0") == 0 and ascii_int("0042") == 42 and ascii_int("9" * 18) == int("9" * 18)


def test_everything_else_is_none():
    for text in (None, "", " 1", "1 ", "-1", "+1", "1.0", "²", "١٢", "１２", "9" * 19, "9" * 5000):
        assert ascii_int(text) is None
    assert ascii_int("1234", max_digits=3) is None


@given(st.text(max_size=40), st.integers(min_value=1, max_value=30))
def test_any_text_is_read_exactly_when_it_is_short_ascii_digits(text, max_digits):
    expected = int(text) if text and len(text) <= max_digits and all("0" <= c <= "9" for c in text) else None
    assert ascii_int(text, max_digits) == expected
