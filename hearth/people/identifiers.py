"""Checks for the national identifiers recorded against a child."""

import re

NHS_NUMBER = re.compile(r"^\d{10}$")
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # I, O and S are never used
UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")


def normalise_nhs_number(value: str) -> str:
    """Digits only: NHS numbers are often written 943 476 5919."""
    return re.sub(r"[\s-]", "", value or "")


def nhs_number_problem(value: str) -> str | None:
    """Why an NHS number is invalid, or None: ten digits passing the modulus 11 check.

    Source: NHS Data Dictionary, "NHS Number": weights 10 down to 2 on the first nine
    digits; 11 minus the remainder mod 11 is the check digit (11 means 0, 10 is invalid).
    """
    number = normalise_nhs_number(value)
    if not NHS_NUMBER.match(number):
        return "Enter an NHS number of 10 digits, like 943 476 5919"
    total = sum(int(digit) * weight for digit, weight in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(number[9]):
        return "This is not a valid NHS number: check the digits (the last digit does not match)"
    return None


def upn_check_letter(body: str) -> str:
    """The check letter for the 12 characters of a UPN after it.

    Source: DfE, "Unique pupil numbers (UPN)" guidance: each of characters 2-13 is
    weighted 2 to 13, letters in the 13th place taking their index in the check-letter
    alphabet; the sum modulo 23 indexes the check-letter alphabet.
    """
    total = 0
    for weight, char in enumerate(body, start=2):
        total += weight * (UPN_CHECK_LETTERS.index(char) if char.isalpha() else int(char))
    return UPN_CHECK_LETTERS[total % 23]


def upn_problem(value: str) -> str | None:
    """Why a unique pupil number is invalid, or None."""
    upn = (value or "").strip().upper()
    if not UPN.match(upn):
        return "Enter a UPN of 13 characters: a letter, 11 digits, then a digit or letter"
    if upn[12].isalpha() and upn[12] not in UPN_CHECK_LETTERS:
        return "The last character of a temporary UPN cannot be I, O or S"
    if upn[0] != upn_check_letter(upn[1:]):
        return "This is not a valid UPN: the first letter (the check letter) does not match"
    return None
