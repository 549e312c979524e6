"""The bench's children in need pages: the queue always, the assessment page only when one is seeded."""

from conftest import make_user
from hearth.accounts.roles import RoleCode
from hearth.bench import _children_in_need_pages
from hearth.children_in_need.tests.test_views import episode_url


def test_the_bench_skips_the_assessment_page_saying_none_is_seeded(council, capsys):
    make_user("demo.manager", RoleCode.TEAM_MANAGER, team=council.team, manages=True)
    make_user("demo.social.worker", RoleCode.SOCIAL_WORKER, team=council.team)
    assert [name for name, _, _ in _children_in_need_pages()] == ["cin referral queue"]
    assert "none seeded" in capsys.readouterr().out


def test_the_bench_measures_the_assessment_of_the_demo_workers_child(council, started_assessment):
    council.worker.username = "demo.social.worker"
    council.worker.save()
    make_user("demo.manager", RoleCode.TEAM_MANAGER, team=council.team, manages=True)
    pages = _children_in_need_pages()
    assert pages[-1][1] == episode_url(started_assessment.referral) + "assessment"
