"""The child's record shows the open child in need episode, its steps as a timeline, and the past episodes."""

from hearth.children_in_need import selectors
from hearth.core.panels import Panel
from hearth.people.sections import register


@register
def cin_episodes(user, child):
    """The episodes of a child and the open one's steps, in two queries (one if the child has never been referred)."""
    episodes = selectors.episodes_for(child)
    if not episodes:
        return None
    current = next((episode for episode in episodes if episode.is_open), None)
    return Panel("children_in_need/_section.html", {
        "cin_current": current, "cin_steps": selectors.steps(current) if current else [],
        "cin_past": [episode for episode in episodes if not episode.is_open],
    })
