"""What pre-proceedings and care proceedings add to the registries: chronology, what is due, decision kinds, the
child's record and the navigation (imported once, from the protection app's `ready`)."""

from hearth.protection.proceedings import chronology, decision_kinds, due, navigation, sections  # noqa: F401
