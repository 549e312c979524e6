"""The seed never touches a database it did not make, nor runs under production settings."""

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import override_settings

from conftest import make_child, make_user
from hearth.__main__ import main
from hearth.accounts.models import User
from hearth.accounts.roles import RoleCode
from hearth.core.models import SeedRun
from hearth.front_door.services import contact_record
from hearth.front_door.tests.conftest import unsaved_contact
from hearth.people.models import Person
from hearth.seed.generator import DEMO_PASSWORD, SeedRefused, run_seed

TODAY = date(2026, 5, 1)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def fresh_content_types():
    """A forced run flushes the database; the test's rollback then outdates ContentType's cache."""
    yield
    ContentType.objects.clear_cache()


def seed_tiny(**options):
    return run_seed(scale="tiny", seed=7, today=TODAY, **options)


def a_real_user():
    return make_user("j.smith", RoleCode.SOCIAL_WORKER)


def a_real_child():
    return make_child(make_user("k.jones", RoleCode.TEAM_MANAGER))


def a_real_contact():
    from hearth.accounts.models import ServiceArea, Team

    team = Team.objects.create(name="Family Connect", service_area=ServiceArea.FRONT_DOOR)
    adviser = make_user("l.brown", RoleCode.FRONT_DOOR_ADVISER, team=team)
    return contact_record(acting_user=adviser, contact=unsaved_contact(), children=[make_child(adviser)])


@pytest.mark.django_db
@pytest.mark.parametrize("force", [False, True], ids=["plain", "forced"])
@pytest.mark.parametrize("record", [a_real_user, a_real_child, a_real_contact], ids=["user", "person", "contact"])
def test_the_seed_refuses_a_database_holding_records_it_did_not_make(record, force):
    record()
    users, people = User.objects.count(), Person.objects.count()
    with pytest.raises(SeedRefused, match="that the seed did not make") as refused:
        seed_tiny(force=force)
    assert "\n" not in str(refused.value)
    assert (User.objects.count(), Person.objects.count()) == (users, people)
    assert not SeedRun.objects.exists()


@pytest.mark.django_db
def test_the_seed_never_changes_the_password_of_an_account_it_did_not_create():
    user = a_real_user()
    with pytest.raises(SeedRefused):
        seed_tiny(force=True)
    user.refresh_from_db()
    assert user.check_password("a-long-test-password")
    assert not user.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_a_forced_seed_refuses_a_seeded_database_that_someone_has_added_to():
    seed_tiny()
    added = a_real_user()
    with pytest.raises(SeedRefused, match="1 users added since the seed made it"):
        seed_tiny(force=True)
    assert User.objects.filter(pk=added.pk).exists()


@pytest.mark.django_db
def test_a_forced_seed_replaces_a_council_the_seed_made():
    seed_tiny()
    result = seed_tiny(force=True)
    assert not result.reused
    assert SeedRun.objects.count() == 1


@pytest.mark.django_db
def test_the_seed_records_what_it_made():
    seed_tiny()
    run = SeedRun.objects.get()
    assert (run.scale, run.seed, run.today) == ("tiny", 7, TODAY)
    assert run.last_user_id == User.objects.order_by("-pk").first().pk
    assert run.last_person_id == Person.objects.order_by("-pk").first().pk


@pytest.mark.django_db
def test_a_second_run_reuses_the_council_in_a_handful_of_queries(django_assert_max_num_queries):
    seed_tiny()
    people = Person.objects.count()
    with django_assert_max_num_queries(6):
        second = seed_tiny()
    assert second.reused
    assert Person.objects.count() == people


@pytest.mark.django_db
@override_settings(HEARTH_SEED_ALLOWED=False)
def test_the_seed_refuses_production_settings_even_for_an_empty_database():
    with pytest.raises(SeedRefused, match="production configuration"):
        seed_tiny()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_command_line_says_why_in_one_line_and_exits_non_zero(capsys):
    a_real_user()
    assert main(["seed", "--scale", "tiny", "--today", "2026-05-01", "--force"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Refusing to seed: this database holds 1 users")
    assert error.count("\n") == 1


def test_production_settings_refuse_before_touching_the_database(tmp_path):
    database = tmp_path / "council.sqlite3"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 50,
                   "HEARTH_PROXY_COUNT": "1", "DATABASE_URL": f"sqlite:///{database}"}
    done = subprocess.run([sys.executable, "-m", "hearth", "seed", "--scale", "tiny"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("Refusing to seed: config.settings.production is a production configuration")
    assert done.stderr.count("\n") == 1
    tables = sqlite3.connect(database).execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    assert tables == (0,)  # not even migrated


@pytest.mark.django_db
def test_manage_py_seed_refuses_the_same_way():
    a_real_user()
    with pytest.raises(CommandError, match="^Refusing to seed: this database holds 1 users") as refused:
        call_command("seed", scale="tiny", force=True)
    assert refused.value.returncode == 2
