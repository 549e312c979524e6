"""The code sets in reference agree with the DfE's CIN census schema copied into the project."""

from pathlib import Path
from xml.etree import ElementTree

import pytest

from hearth.reference.codes import AbuseCategory, Disability, Ethnicity, ReferralSource, UPNUnknownReason

SCHEMA = Path(__file__).resolve().parent.parent / "specs" / "cin-census-2024.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"


def schema_codes(type_name: str) -> set[str]:
    root = ElementTree.parse(SCHEMA).getroot()
    for simple_type in root.iter(f"{XS}simpleType"):
        if simple_type.get("name") == type_name:
            return {item.get("value") for item in simple_type.iter(f"{XS}enumeration")}
    raise LookupError(type_name)


@pytest.mark.parametrize(("enumeration", "type_name"), [
    (Ethnicity, "ethnicitytype"),
    (Disability, "disabilitytype"),
    (ReferralSource, "referralsourcetype"),
    (AbuseCategory, "categoryofabuse"),
    (UPNUnknownReason, "unknownupntype"),
])
def test_code_set_matches_the_cin_census_schema(enumeration, type_name):
    assert set(enumeration.values) == schema_codes(type_name)
