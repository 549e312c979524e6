"""A synthetic council, "Wrekinshire", for demonstrations, load tests and a first look.

Everything here is invented: the names are common names drawn together at random, the
NHS numbers are in the 999 range the NHS keeps for testing, the places are made up.
`generator.run_seed` builds it, only into a database it made or an empty one, never under
production settings; `python -m hearth seed` and `manage.py seed` call it.
This module imports nothing from Django's models, so the command line can describe its
arguments before Django is set up.
"""

import argparse
from datetime import date

SCALE_CHOICES = ("demo", "la", "large", "tiny")  # "tiny" is for the tests, and not advertised


def add_seed_arguments(parser: argparse.ArgumentParser) -> None:
    """The seed command's arguments, shared by `python -m hearth seed` and `manage.py seed`."""
    parser.add_argument(
        "--scale", choices=SCALE_CHOICES, default="demo", metavar="{demo,la,large}",
        help="demo: a small council over 3 years; la: a typical council; large: the largest (default demo)",
    )
    parser.add_argument("--years", type=int, default=None,
                        help="Years of history (default 3 for demo, 10 for la and large)")
    parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same council")
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="The date the history runs up to, as YYYY-MM-DD (default: today)")
    parser.add_argument("--force", action="store_true",
                        help="Empty a database the seed made and seed it again (refused if anyone has added records to it)")
