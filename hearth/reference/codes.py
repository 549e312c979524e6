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


# --- Children in need: the episode and the assessment ----------------------------------------------------------------
# Source: the DfE's Children in Need census schema 2024 (`primaryneedcodetype`, `reasonforclosuretype`,
# `assessmentfactorstype`), published by the Department for Education under the Open Government Licence v3.0.
# The factors' labels are the DfE's; the themes they are grouped under on a page are the DfE's own prefixes.


class PrimaryNeed(models.TextChoices):
    """The child's primary need at assessment (CIN census `PrimaryNeedCode`)."""

    ABUSE_OR_NEGLECT = "N1", "Abuse or neglect"
    CHILD_DISABILITY = "N2", "Child's disability"
    PARENTAL_DISABILITY = "N3", "Parental disability or illness"
    ACUTE_STRESS = "N4", "Family in acute stress"
    FAMILY_DYSFUNCTION = "N5", "Family dysfunction"
    SOCIALLY_UNACCEPTABLE = "N6", "Socially unacceptable behaviour"
    LOW_INCOME = "N7", "Low income"
    ABSENT_PARENTING = "N8", "Absent parenting"
    NOT_IN_NEED = "N9", "Cases other than children in need"
    NOT_STATED = "N0", "Not stated"


class ReasonForClosure(models.TextChoices):
    """Why a child in need episode closed (CIN census `ReasonForClosure`)."""

    ADOPTED = "RC1", "Adopted"
    DIED = "RC2", "Died"
    CHILD_ARRANGEMENTS_ORDER = "RC3", "Child arrangements order"
    SPECIAL_GUARDIANSHIP_ORDER = "RC4", "Special guardianship order"
    ANOTHER_AUTHORITY = "RC5", "Transferred to services of another local authority"
    ADULT_SOCIAL_CARE = "RC6", "Transferred to adult social care services"
    SERVICES_CEASED = "RC7", "Services ceased for any other reason, including child no longer in need"
    NO_FURTHER_ACTION = "RC8", "Case closed after assessment, no further action"
    EARLY_HELP = "RC9", "Case closed after assessment, referred to early help"


class AssessmentFactor(models.TextChoices):
    """Factors identified at the end of assessment (CIN census `AssessmentFactors`)."""

    ALCOHOL_CHILD = "1A", "Alcohol misuse by the child"
    ALCOHOL_PARENT = "1B", "Alcohol misuse by the parent(s) or carer(s)"
    ALCOHOL_HOUSEHOLD = "1C", "Alcohol misuse by another person living in the household"
    DRUGS_CHILD = "2A", "Drug misuse by the child"
    DRUGS_PARENT = "2B", "Drug misuse by the parent(s) or carer(s)"
    DRUGS_HOUSEHOLD = "2C", "Drug misuse by another person living in the household"
    DOMESTIC_VIOLENCE_CHILD = "3A", "Domestic violence: the child is the subject"
    DOMESTIC_VIOLENCE_PARENT = "3B", "Domestic violence: the child's parent(s) or carer(s) are the subject"
    DOMESTIC_VIOLENCE_HOUSEHOLD = "3C", "Domestic violence: another person living in the household is the subject"
    MENTAL_HEALTH_CHILD = "4A", "Mental health of the child"
    MENTAL_HEALTH_PARENT = "4B", "Mental health of the parent(s) or carer(s)"
    MENTAL_HEALTH_HOUSEHOLD = "4C", "Mental health of another person in the family or household"
    LEARNING_DISABILITY_CHILD = "5A", "The child's learning disability"
    LEARNING_DISABILITY_PARENT = "5B", "The parent(s)' or carer(s)' learning disability"
    LEARNING_DISABILITY_HOUSEHOLD = "5C", "Learning disability of another person in the family or household"
    PHYSICAL_CHILD = "6A", "Physical disability or illness of the child"
    PHYSICAL_PARENT = "6B", "Physical disability or illness of the parent(s) or carer(s)"
    PHYSICAL_HOUSEHOLD = "6C", "Physical disability or illness of another person in the family or household"
    YOUNG_CARER = "7A", "Young carer: the child's caring responsibilities"
    PRIVATE_FOSTERING_OVERSEAS_RETURN = "8B", "Privately fostered: overseas children who intend to return"
    PRIVATE_FOSTERING_OVERSEAS_STAY = "8C", "Privately fostered: overseas children who intend to stay"
    PRIVATE_FOSTERING_EDUCATION = "8D", "Privately fostered: UK children in educational placements"
    PRIVATE_FOSTERING_FAMILY = "8E", "Privately fostered: UK children making alternative family arrangements"
    PRIVATE_FOSTERING_OTHER = "8F", "Privately fostered: other"
    UASC = "9A", "Unaccompanied asylum-seeking child"
    MISSING = "10A", "Going or being missing"
    SEXUAL_EXPLOITATION = "11A", "Child sexual exploitation"
    TRAFFICKING = "12A", "Trafficking"
    GANGS = "13A", "Involvement in or with gangs"
    SOCIALLY_UNACCEPTABLE = "14A", "Socially unacceptable behaviour"
    SELF_HARM = "15A", "Self-harm"
    NEGLECT = "16A", "Neglect"
    EMOTIONAL_ABUSE = "17A", "Emotional abuse"
    PHYSICAL_ABUSE_CHILD = "18B", "Physical abuse by another child"
    PHYSICAL_ABUSE_ADULT = "18C", "Physical abuse by an adult"
    SEXUAL_ABUSE_CHILD = "19B", "Sexual abuse by another child"
    SEXUAL_ABUSE_ADULT = "19C", "Sexual abuse by an adult"
    OTHER = "20", "Other"
    NONE = "21", "No factors identified (no evidence of any factor, and no further action)"
    FGM = "22A", "Female genital mutilation (FGM)"
    FAITH_OR_BELIEF = "23A", "Abuse linked to faith or belief"
    CRIMINAL_EXPLOITATION = "24A", "Child criminal exploitation"


# The factors grouped by theme, for a readable list of checkboxes (codes as above, themes as the DfE names them).
ASSESSMENT_FACTOR_THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Alcohol and drugs", ("1A", "1B", "1C", "2A", "2B", "2C")),
    ("Domestic violence", ("3A", "3B", "3C")),
    ("Health and disability", ("4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C")),
    ("Caring and living away from home", ("7A", "8B", "8C", "8D", "8E", "8F", "9A")),
    ("Abuse or neglect", ("16A", "17A", "18B", "18C", "19B", "19C", "22A", "23A")),
    ("Exploitation, going missing and behaviour", ("10A", "11A", "12A", "13A", "24A", "14A", "15A")),
    ("Other", ("20", "21")),
)


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
