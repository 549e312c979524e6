"""The roles of the people who use Hearth, and what each may do.

Roles are rows (so a council can see and assign them), but their codes are fixed here,
because the access policy and the pages decide by them.
"""

from django.db import models


class RoleCode(models.TextChoices):
    FRONT_DOOR_ADVISER = "front_door_adviser", "Front-door adviser"
    SENIOR_SOCIAL_WORKER = "senior_social_worker", "Senior social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    SOCIAL_WORKER = "social_worker", "Social worker"
    EARLY_HELP_WORKER = "early_help_worker", "Early help worker"
    SPECIALIST_WORKER = "specialist_worker", "Specialist worker"
    IRO = "iro", "Independent reviewing officer"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    PARTNER = "partner", "Partner agency"
    INSPECTOR = "inspector", "Inspector or auditor"
    INSPECTION_INSPECTOR = "inspection_inspector", "Inspector on an inspection (case sample only)"
    ADMINISTRATOR = "administrator", "Administrator"


ROLE_DESCRIPTIONS = {
    RoleCode.FRONT_DOOR_ADVISER: "Records contacts, checks consent, gathers information and proposes a next step.",
    RoleCode.SENIOR_SOCIAL_WORKER: "Gives recorded professional advice on contacts and cases.",
    RoleCode.TEAM_MANAGER: "Makes and records decisions with a rationale; allocates work; oversees the team.",
    RoleCode.SOCIAL_WORKER: "Assessments, visits, plans, direct work and case notes written to the child.",
    RoleCode.EARLY_HELP_WORKER: "Early help assessments and team-around-the-family plans.",
    RoleCode.SPECIALIST_WORKER: "Exploitation, parenting assessment and family group conference work.",
    RoleCode.IRO: "Chairs conferences and looked-after reviews; oversees the child's plan.",
    RoleCode.PERSONAL_ADVISER: "Supports care leavers to 25: pathway plans, accommodation, work and learning.",
    RoleCode.SENIOR_LEADER: "Sees the whole service's records and performance.",
    RoleCode.PERFORMANCE_ANALYST: "Prepares statutory returns and Ofsted lists from the records.",
    RoleCode.PARTNER: "Submits referrals online and sees only their own submissions.",
    RoleCode.INSPECTOR: "Reads records during an inspection or audit; every view is logged.",
    RoleCode.INSPECTION_INSPECTOR: "Reads only the case sample the council gives one inspection, for its dates; "
                                   "every view is logged.",
    RoleCode.ADMINISTRATOR: "Manages users, teams and reference data; sees no case records.",
}

# Roles that see every child's record that is not restricted. Performance analysts are not among them:
# they work from figures, not case files.
SERVICE_WIDE_ROLES = frozenset({RoleCode.SENIOR_LEADER, RoleCode.INSPECTOR})
# Roles that may open a record outside their scope in an emergency, giving a reason.
BREAK_GLASS_ROLES = frozenset({
    RoleCode.SOCIAL_WORKER, RoleCode.SENIOR_SOCIAL_WORKER, RoleCode.TEAM_MANAGER,
})
# Roles that may write to case records (inspectors, analysts and partners only read).
CASE_WRITE_ROLES = frozenset({
    RoleCode.FRONT_DOOR_ADVISER, RoleCode.SENIOR_SOCIAL_WORKER, RoleCode.TEAM_MANAGER,
    RoleCode.SOCIAL_WORKER, RoleCode.EARLY_HELP_WORKER, RoleCode.SPECIALIST_WORKER,
    RoleCode.IRO, RoleCode.PERSONAL_ADVISER, RoleCode.SENIOR_LEADER,
})
# Roles that manage: allocate work, review break-glass use, see who read a record.
MANAGER_ROLES = frozenset({RoleCode.TEAM_MANAGER, RoleCode.SENIOR_LEADER})
# Roles that work with children's records at all (everyone else is refused them outright).
# An inspection's inspector is among them, but sees only the inspection's case sample (policy.py, at its end).
CASE_ROLES = CASE_WRITE_ROLES | SERVICE_WIDE_ROLES | {RoleCode.INSPECTION_INSPECTOR}
