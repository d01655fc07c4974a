"""Reading a whole number typed by a person or sent by a client, without surprises.

`"²".isdigit()` is true but `int("²")` fails, and `int()` refuses strings of more than 4,300 digits
(CPython's guard against quadratic conversion): an unchecked `int(text)` after `isdigit()` turns an odd
input into a traceback. `ascii_int` bounds the length first and accepts ASCII digits only.
"""
from __future__ import annotations


def ascii_int(text: str | None, max_digits: int = 18) -> int | None:
    """The value of `text` when it is 1 to `max_digits` ASCII digits; None for anything else."""
    if text is None or not 0 < len(text) <= max_digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)
