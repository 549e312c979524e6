"""The inspection pages in the service navigation: the register for leaders, the case sample for inspectors."""

from hearth.core.navigation import NavItem, register
from hearth.inspection.access import is_inspection_inspector, reads_inspections

INSPECTIONS = register(NavItem(text="Inspections", url_name="inspection:register", section="inspections",
                               visible=reads_inspections, order=40))
CASE_SAMPLE = register(NavItem(text="Case sample", url_name="inspection:my_sample", section="case_sample",
                               visible=is_inspection_inspector, order=41))
