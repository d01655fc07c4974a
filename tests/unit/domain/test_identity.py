import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.errors import DomainError
from domain.shared.identity import (
    DOCUMENT_RULES,
    DocumentType,
    IdentityDocument,
    nit_check_digit,
    nit_is_valid,
    validate_nit,
)

FAST = settings(max_examples=200, deadline=None)
WEIGHTS_RIGHT_TO_LEFT = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]


def reference_check_digit(base: str) -> int:
    """DIAN's rule written independently: weights from the rightmost digit, integer arithmetic."""
    number, position, weighted = int(base), 0, 0
    while number:
        weighted += (number % 10) * WEIGHTS_RIGHT_TO_LEFT[position]
        number //= 10
        position += 1
    remainder = weighted % 11
    return remainder if remainder < 2 else 11 - remainder


@pytest.mark.parametrize(
    ("base", "check_digit"),
    [("890203088", 9), ("860034313", 7), ("860002964", 4), ("900378212", 2), ("900215071", 1), ("800197268", 4)],
)
def test_nit_check_digit_matches_the_verified_examples(base, check_digit):
    assert nit_check_digit(base) == check_digit
    assert nit_is_valid(f"{base}-{check_digit}")
    assert nit_is_valid(f"{base}{check_digit}")


@FAST
@given(st.text(alphabet="0123456789", min_size=1, max_size=15))
def test_nit_check_digit_agrees_with_an_independent_reference(base):
    assert nit_check_digit(base) == reference_check_digit(base)
    assert 0 <= nit_check_digit(base) <= 9
    assert nit_check_digit(base) == nit_check_digit("0" + base) if len(base) < 15 else True


@FAST
@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 9))
def test_a_nit_is_valid_only_with_its_own_check_digit(base, digit):
    expected = nit_check_digit(base)
    assert nit_is_valid(f"{base}-{digit}") == (digit == expected)


@pytest.mark.parametrize("base", ["", "12a", "1" * 16, "١٢٣"])
def test_nit_check_digit_needs_up_to_15_ascii_digits(base):
    with pytest.raises(DomainError):
        nit_check_digit(base)


def test_validate_nit_returns_the_hyphenated_form():
    assert validate_nit("8902030889") == "890203088-9"
    assert validate_nit(" 890203088-9 ") == "890203088-9"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("890203088-1", "dígito de verificación"), ("890203088", "9 dígitos"), ("89020308-9", "9 dígitos"),
     ("890.203.088-9", "9 dígitos"), ("", "9 dígitos")],
)
def test_validate_nit_refuses_a_wrong_or_incomplete_nit(text, reason):
    with pytest.raises(DomainError, match=reason) as refused:
        validate_nit(text)
    assert refused.value.field == "nit"


def test_every_document_type_has_a_rule():
    assert set(DOCUMENT_RULES) == set(DocumentType)


@pytest.mark.parametrize(
    ("document_type", "number"),
    [
        (DocumentType.CC, "1033370434"), (DocumentType.CC, "123"), (DocumentType.CE, "AB12345"),
        (DocumentType.CE, "123456789012"), (DocumentType.TI, "1234567890"), (DocumentType.TI, "12345678901"),
        (DocumentType.RC, "1234567890"), (DocumentType.NUIP, "12345678901"), (DocumentType.PP, "AX1234567"),
        (DocumentType.PP, "A" * 16), (DocumentType.NIT, "890203088"), (DocumentType.NIT, "890203088-9"),
        (DocumentType.NIT, "8902030889"), (DocumentType.CEL, "3107126048"), (DocumentType.IDC, "CLIENTE42"),
        (DocumentType.DE, "X" * 30), (DocumentType.OTHER, "abc123"),
    ],
)
def test_documents_that_follow_their_type_rule_are_accepted(document_type, number):
    document = IdentityDocument(document_type, number)
    assert document.number == (number if document_type is not DocumentType.NIT else "890203088-9")


@pytest.mark.parametrize("typed", ["890203088", "8902030889", "890203088-9", " 890203088-9 "])
def test_one_nit_is_one_document_however_it_was_typed(typed):
    assert IdentityDocument(DocumentType.NIT, typed) == IdentityDocument(DocumentType.NIT, "890203088-9")
    assert IdentityDocument(DocumentType.NIT, typed).number == "890203088-9"


@pytest.mark.parametrize(
    ("document_type", "number"),
    [
        (DocumentType.CC, "12"), (DocumentType.CC, "12345678901"), (DocumentType.CC, "10333A0434"),
        (DocumentType.CC, "1.033.370.434"), (DocumentType.CC, "١٠٣٣٣٧٠٤٣٤"), (DocumentType.CC, "10333\n70434"),
        (DocumentType.CE, "1234567890123"), (DocumentType.CE, "AB-123"), (DocumentType.TI, "123456789"),
        (DocumentType.TI, "123456789012"), (DocumentType.RC, "12345abcde"), (DocumentType.PP, "A" * 17),
        (DocumentType.NIT, "89020308"), (DocumentType.NIT, "890203088-1"), (DocumentType.NIT, "8902030881"),
        (DocumentType.CEL, "2107126048"), (DocumentType.CEL, "310712604"), (DocumentType.IDC, "X" * 31),
        (DocumentType.OTHER, "con espacio"),
    ],
)
def test_documents_that_break_their_type_rule_are_refused_naming_the_field(document_type, number):
    with pytest.raises(DomainError) as refused:
        IdentityDocument(document_type, number)
    assert refused.value.field == "document_number"
    assert "número de documento" in refused.value.message or "NIT" in refused.value.message


def test_the_refusal_says_which_document_type_it_checked():
    with pytest.raises(DomainError, match="Cédula de ciudadanía debe tener entre 3 y 10 dígitos"):
        IdentityDocument(DocumentType.CC, "12")


def test_an_empty_number_is_mandatory():
    with pytest.raises(DomainError, match="obligatorio"):
        IdentityDocument(DocumentType.CC, "   ")


def test_surrounding_blanks_are_dropped_and_documents_compare_by_value():
    assert IdentityDocument(DocumentType.CC, " 1033370434 ") == IdentityDocument(DocumentType.CC, "1033370434")
    assert IdentityDocument(DocumentType.CC, "1033370434") != IdentityDocument(DocumentType.TI, "1033370434")
    assert str(IdentityDocument(DocumentType.CC, "1033370434")) == "CC 1033370434"


def test_a_document_type_must_be_a_known_type():
    with pytest.raises(DomainError) as refused:
        IdentityDocument("CC", "1033370434")
    assert refused.value.field == "document_type"


@FAST
@given(st.text(alphabet="0123456789", min_size=1, max_size=14))
def test_a_cedula_is_accepted_exactly_when_it_has_3_to_10_digits(number):
    try:
        IdentityDocument(DocumentType.CC, number)
    except DomainError:
        assert not 3 <= len(number) <= 10
    else:
        assert 3 <= len(number) <= 10


def test_document_types_keep_their_zonapagos_codes():
    assert [t.zonapagos_code for t in DocumentType] == list(range(12))
    assert DocumentType.from_zonapagos(3) is DocumentType.NIT
    assert DocumentType.from_code("cc") is DocumentType.CC
    with pytest.raises(ValueError):
        DocumentType.from_zonapagos(12)
