"""The returns' tests build their records as the journey apps' tests do: referrals made as the front door makes them."""

from hearth.children_in_need.tests.conftest import refer  # noqa: F401  (fixtures)
from hearth.protection.tests.conftest import iro  # noqa: F401  (fixture)
