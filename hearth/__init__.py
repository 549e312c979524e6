"""Hearth: case recording and oversight for a council's children's services."""
