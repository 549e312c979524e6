"""NHS numbers (modulus 11) and unique pupil numbers (check letter)."""

from hypothesis import given
from hypothesis import strategies as st

from hearth.people.identifiers import nhs_number_problem, upn_check_letter, upn_problem


def test_a_valid_nhs_number_passes_with_or_without_spaces():
    assert nhs_number_problem("9434765919") is None
    assert nhs_number_problem("943 476 5919") is None


def test_an_nhs_number_with_the_wrong_check_digit_is_refused_with_the_reason():
    assert "not a valid NHS number" in nhs_number_problem("9434765918")


def test_an_nhs_number_whose_check_would_be_ten_is_refused():
    # 1234567890: weighted sum 1*10+2*9+...+9*2 = 210; 11 - 210 % 11 = 10, never valid
    assert nhs_number_problem("1234567890") is not None


def test_an_nhs_number_of_the_wrong_length_asks_for_ten_digits():
    assert "10 digits" in nhs_number_problem("94347659")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_completes_any_nine_digits_unless_none_can(body):
    valid = [digit for digit in "0123456789" if nhs_number_problem(body + digit) is None]
    assert len(valid) <= 1


def test_a_upn_with_the_right_check_letter_passes():
    body = "820200101001"
    assert upn_problem(upn_check_letter(body) + body) is None


def test_a_upn_with_the_wrong_check_letter_is_refused_with_the_reason():
    body = "820200101001"
    wrong = "A" if upn_check_letter(body) != "A" else "B"
    assert "check letter" in upn_problem(wrong + body)


def test_a_temporary_upn_ending_in_a_letter_is_checked_too():
    body = "82020010100A"
    assert upn_problem(upn_check_letter(body) + body) is None


def test_a_upn_of_the_wrong_shape_is_refused():
    assert "13 characters" in upn_problem("A12345")


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_every_generated_upn_passes_its_own_check(body):
    assert upn_problem(upn_check_letter(body) + body) is None
