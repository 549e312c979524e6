"""Quality-assurance audits: versioned questions, a sample by criteria, grades and family feedback, moderation by
a second auditor, the worker's reflection, actions, and the themes page whose every figure is its list's length."""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import allocate, client_for, make_child
from hearth.oversight import services
from hearth.oversight.models import Audit, AuditStatus


@pytest.fixture
def template(council):
    return services.audit_template_create(acting_user=council.leader, name="Front door decisions",
                                          theme="Help and protection",
                                          questions=["Was the decision timely?", "Is the rationale clear?"])


@pytest.fixture
def many_children(council):
    for n in range(6):
        allocate(make_child(council.manager, first_name=f"Teen{n}", date_of_birth=date(2010, 1, 1)), council.team,
                 council.worker, council.manager)


def grade(council, audit, overall="2", method="phone", feedback="The family felt listened to."):
    questions = {q.pk: ("2", "Clear") for q in audit.version.questions.all()}
    return services.audit_grade(acting_user=council.leader, audit=audit, answers=questions, overall_grade=overall,
                                findings="Timely and well reasoned.", family_feedback=feedback,
                                family_feedback_method=method)


def test_a_new_version_of_the_questions_leaves_earlier_audits_with_theirs(council, template, many_children):
    audit = services.audit_sample(acting_user=council.leader, version=template, size=1, seed=1)[0]
    services.audit_template_revise(acting_user=council.leader, template=template.template,
                                   questions=["Was the decision timely?", "Is the rationale clear?", "Was the child seen?"])
    audit.refresh_from_db()
    assert audit.version.number == 1 and audit.version.questions.count() == 2


def test_a_sample_by_team_and_age_chooses_only_children_who_match(council, template, many_children):
    audits = services.audit_sample(acting_user=council.leader, version=template, size=3, team=council.team,
                                   min_age=12, max_age=17, seed=3)
    assert len(audits) == 3
    assert all(a.team == council.team and a.child.first_name.startswith("Teen") for a in audits)
    assert all(a.worker == council.worker for a in audits)
    assert "aged 12 to 17" in audits[0].sampled_by


def test_grading_needs_every_question_and_how_the_familys_feedback_was_gathered(council, template, many_children):
    audit = services.audit_sample(acting_user=council.leader, version=template, size=1, seed=1)[0]
    with pytest.raises(ValidationError) as refused:
        services.audit_grade(acting_user=council.leader, audit=audit, answers={}, overall_grade="",
                             findings="", family_feedback="", family_feedback_method="")
    assert {"overall_grade", "findings", "family_feedback_method"} <= set(refused.value.message_dict)
    assert sum(key.startswith("question_") for key in refused.value.message_dict) == 2
    grade(council, audit)
    audit.refresh_from_db()
    assert audit.status == AuditStatus.GRADED and audit.family_feedback_method == "phone"


def test_moderation_is_by_a_second_auditor_and_their_grade_stands(council, template, many_children):
    audit = grade(council, services.audit_sample(acting_user=council.leader, version=template, size=1, seed=1)[0])
    with pytest.raises(PermissionDenied):
        services.audit_moderate(acting_user=council.leader, audit=audit, grade="3", note="Own audit")
    services.audit_moderate(acting_user=council.manager, audit=audit, grade="3", note="The plan lacked dates")
    audit.refresh_from_db()
    assert audit.grade == "3" and audit.status == AuditStatus.MODERATED


def test_only_the_worker_reflects_on_the_audit_of_their_work(council, template, many_children):
    audit = grade(council, services.audit_sample(acting_user=council.leader, version=template, size=1, seed=1,
                                                 team=council.team, min_age=12)[0])
    with pytest.raises(PermissionDenied):
        services.audit_reflect(acting_user=council.colleague, audit=audit, reflection="Not mine")
    services.audit_reflect(acting_user=council.worker, audit=audit, reflection="I will record the child's words.")
    assert client_for(council.worker).get(f"/oversight/audits/{audit.pk}").status_code == 200
    assert client_for(council.colleague).get(f"/oversight/audits/{audit.pk}").status_code == 404


def test_an_audit_action_needs_an_owner_and_a_due_date(council, template, many_children):
    audit = grade(council, services.audit_sample(acting_user=council.leader, version=template, size=1, seed=1)[0])
    with pytest.raises(ValidationError) as refused:
        services.audit_action_add(acting_user=council.leader, audit=audit, description="Update the plan", owner=None,
                                  due_on=None)
    assert set(refused.value.message_dict) == {"owner", "due_on"}


FIGURE = re.compile(r'<a class="govuk-link" href="([^"]+)">(\d+)<span class="govuk-visually-hidden">')


def test_every_figure_on_the_audit_themes_page_equals_the_length_of_its_list(council, template, many_children):
    audits = services.audit_sample(acting_user=council.leader, version=template, size=5, seed=2)
    for audit, overall in zip(audits[:4], ["1", "2", "2", "3"], strict=True):
        grade(council, audit, overall=overall)
    services.audit_moderate(acting_user=council.manager, audit=Audit.objects.get(pk=audits[0].pk), grade="2",
                            note="Good, not outstanding")
    client = client_for(council.leader)
    page = client.get("/oversight/audits/themes").content.decode()
    figures = FIGURE.findall(page)
    assert sum(int(n) for _, n in figures) == 8  # each audit once by grade, once in its month's total
    for href, figure in figures:
        listed = client.get(href.replace("&amp;", "&")).content.decode()
        shown = int(re.search(r'<p class="govuk-body" id="audit-count">(\d+) audit', listed).group(1))
        assert shown == int(figure), href
        assert listed.count("(audit)</span></a>") == int(figure), href


def test_the_audit_pages_read_within_the_query_budget(council, template, many_children,
                                                      django_assert_max_num_queries):
    audits = services.audit_sample(acting_user=council.leader, version=template, size=6, seed=2)
    for audit in audits[:4]:
        grade(council, audit)
    client = client_for(council.leader)
    urls = ["/oversight/audits/", "/oversight/audits/themes", f"/oversight/audits/{audits[0].pk}",
            "/oversight/audits/sample", f"/oversight/audits/themes/audits?theme=Help and protection"
            f"&month={timezone.localdate():%Y-%m}"]
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200, url
