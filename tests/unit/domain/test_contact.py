import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.contact import (
    email_is_valid,
    mask_email,
    mask_mobile,
    mobile_is_valid,
    validate_email,
    validate_mobile,
)
from domain.shared.errors import DomainError


@pytest.mark.parametrize("mobile", ["3107126048", "3001234567", "3999999999"])
def test_a_colombian_mobile_has_ten_digits_starting_with_3(mobile):
    assert mobile_is_valid(mobile)


@pytest.mark.parametrize("mobile", ["310712604", "31071260481", "2107126048", "310 712 6048", "+573107126048",
                                    "3107126048\n", "３１０７１２６０４８", ""])
def test_other_phone_shapes_are_not_mobiles(mobile):
    assert not mobile_is_valid(mobile)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=9, max_size=11))
def test_mobile_rule_is_exactly_3_then_nine_digits(text):
    assert mobile_is_valid(text) == (len(text) == 10 and text[0] == "3")


@pytest.mark.parametrize("email", ["nick.rivera@example.com", "a@b.co", "pagos+pse@coop.com.co"])
def test_plain_addresses_are_emails(email):
    assert email_is_valid(email)


@pytest.mark.parametrize("email", ["", "nick", "nick@", "@example.com", "nick@example", "ni ck@example.com",
                                   "nick@@example.com", "nick@example..com", "nick@.com",
                                   "a@" + "b" * 70 + ".co"])
def test_malformed_addresses_are_not_emails(email):
    assert not email_is_valid(email)


def test_validation_strips_blanks_and_names_the_field():
    assert validate_mobile(" 3107126048 ") == "3107126048"
    assert validate_email(" a@b.co ") == "a@b.co"
    with pytest.raises(DomainError, match="celular") as refused:
        validate_mobile("123", field="payer_mobile")
    assert refused.value.field == "payer_mobile"
    with pytest.raises(DomainError, match="obligatorio"):
        validate_email("  ")
    with pytest.raises(DomainError, match="no es válido") as refused:
        validate_email("nick@")
    assert refused.value.field == "email"


def test_contact_points_are_masked_for_the_otp_dialog():
    assert mask_mobile("3107126048") == "******6048"
    assert mask_email("nick.rivera@example.com") == "n**********@example.com"
