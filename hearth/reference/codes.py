"""The DfE code sets Hearth records against, each with the DfE's code and label.

Source: the Children in Need census schema (hearth/reference/specs/cin-census-2024.xsd),
and, for sex, the 2024/25 census change from GenderCurrent to Sex (M, F or U).
Nothing elsewhere compares against a bare code string: use these enumerations.
"""

from django.db import models


class Sex(models.TextChoices):
    """Sex as the CIN census records it from 2024/25."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known or unborn"


class Ethnicity(models.TextChoices):
    """DfE ethnicity codes (CIN census `ethnicitytype`)."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """DfE disability codes (CIN census `disabilitytype`)."""

    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism"
    DDA = "DDA", "Other"


class UPNUnknownReason(models.TextChoices):
    """Why a child has no unique pupil number (CIN census `unknownupntype`)."""

    UN1 = "UN1", "Child is aged under 6 years old and is not yet attending school"
    UN2 = "UN2", "Child has never attended school in England"
    UN3 = "UN3", "Child is educated outside of school"
    UN4 = "UN4", "Child is newly arrived and the UPN is not yet known"
    UN5 = "UN5", "Sources collating UPNs reflect the absence of a UPN"
    UN6 = "UN6", "Child is an unborn child"
    UN7 = "UN7", "Referral with no further action"


class ReferralSource(models.TextChoices):
    """Who a referral came from (CIN census `referralsourcetype`)."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance, including neighbours and child minders"
    SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other, including strangers"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health services: general practitioner (GP)"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    SCHOOL_NURSE = "3C", "Health services: school nurse"
    PRIMARY_HEALTH_OTHER = "3D", "Health services: other primary health services"
    EMERGENCY_DEPARTMENT = "3E", "Health services: A&E (accident and emergency department)"
    HEALTH_OTHER = "3F", "Health services: other, for example a hospice"
    HOUSING = "4", "Housing: local authority housing or housing association"
    LA_SOCIAL_CARE = "5A", "Local authority services: social care, for example adult social care"
    LA_OTHER_INTERNAL = "5B", "Local authority services: other internal, for example youth offending"
    LA_EXTERNAL = "5C", "Local authority services: external, for example another council"
    LA_EARLY_HELP = "5D", "Local authority services: early help"
    POLICE = "6", "Police"
    LEGAL_AGENCY = "7", "Other legal agency, including courts, probation, immigration, Cafcass or prison"
    OTHER = "8", "Other, including children's centres, independent providers or voluntary organisations"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class AbuseCategory(models.TextChoices):
    """Category of abuse on a child protection plan (CIN census `categoryofabuse`)."""

    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    SEXUAL = "SAB", "Sexual abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    MULTIPLE = "MUL", "Multiple"


class OfstedGrade(models.TextChoices):
    """Ofsted's four-point grade for each judgement of an inspection (ILACS, and the single inspection framework)."""

    OUTSTANDING = "1", "Outstanding"
    GOOD = "2", "Good"
    REQUIRES_IMPROVEMENT = "3", "Requires improvement to be good"
    INADEQUATE = "4", "Inadequate"


# --- Pre-proceedings (the Public Law Outline) ------------------------------------------------------------------------
# Source: the DfE's CIN census from 2025/26, which adds to each CINdetails a PreProceedingsandFGDM block (PPStartDate,
# LBPSentDate, FGDMMeetingOffer, FGDMMeetingFac, InitialPPMeetingDate, ReviewMeetingsCount, StepDecisionDate,
# PPOutcome, CourtAppDate, LetterInitCPDate) and rule 9011: PPOutcome takes a value of code set CS131 (A, B or C).
# The codes are the DfE's (Open Government Licence), as listed by Data to Insight's csc-validator-be-cin (MIT). The
# labels are Hearth's reading of the three outcomes (to care proceedings, stepped down, ended otherwise): check them
# against the DfE's guide for the year before the first return is made with them.


class PreProceedingsOutcome(models.TextChoices):
    """How pre-proceedings ended (CIN census 2025/26 `PPOutcome`, code set CS131)."""

    STEP_UP = "A", "Step up: apply to court for care proceedings"
    STEP_DOWN = "B", "Step down: pre-proceedings end without care proceedings"
    OTHER = "C", "Pre-proceedings ended for another reason"
