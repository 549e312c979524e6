"""A prepared registry query asks about a list of ids as one array on PostgreSQL, and gives the same rows."""

from conftest import make_child
from hearth.core.prepared import Prepared, _as_arrays
from hearth.people.models import Person


def test_a_whole_list_asked_with_in_becomes_one_array():
    sql = 'SELECT 1 FROM t WHERE a IN (%s, %s, %s) AND b = %s AND c IN (%s)'
    places = [(0, 1, 0), (1, 1, 1), (2, 1, 2), (4, 0, 0)]
    rewritten, params, kept = _as_arrays(sql, [-1, -2, -3, "x", -9], places)
    assert rewritten == 'SELECT 1 FROM t WHERE a = ANY(%s) AND b = %s AND c = ANY(%s)'
    assert params == [None, "x", None] and kept == [(0, 1, None), (2, 0, None)]


def test_a_list_used_any_other_way_is_left_as_it_is():
    # Out of order, part of the list, or inside something other than IN (...): each id keeps its own place.
    for sql, places in [
        ("SELECT 1 WHERE a IN (%s, %s)", [(0, 0, 1), (1, 0, 0)]),
        ("SELECT 1 WHERE a IN (%s, %s) OR b = %s", [(0, 0, 0), (1, 0, 1), (2, 0, 2)]),
        ("SELECT 1 WHERE a IN (%s, %s, 7)", [(0, 0, 0), (1, 0, 1)]),
        ("SELECT 1 WHERE a = %s OR b = %s", [(0, 0, 0), (1, 0, 1)]),
        ("SELECT 1 WHERE a NOT IN (%s, %s)", [(0, 0, 0), (1, 0, 1)]),
    ]:
        rewritten, params, kept = _as_arrays(sql, [-1, -2, -3][:len(places)], places)
        assert rewritten == sql and kept == places


def test_a_literal_percent_is_not_taken_for_a_placeholder():
    sql = "SELECT 1 WHERE name LIKE '%%s' AND a IN (%s, %s)"
    rewritten, _, kept = _as_arrays(sql, [-1, -2], [(0, 0, 0), (1, 0, 1)])
    assert rewritten == "SELECT 1 WHERE name LIKE '%%s' AND a = ANY(%s)" and kept == [(0, 0, None)]


def test_a_list_read_through_the_prepared_query_gives_what_the_orm_gives(council):
    people = [make_child(council.manager, first_name=f"Child {n}", last_name="Example") for n in range(4)]
    wanted = sorted(person.pk for person in people[:3])
    by_a_list = Prepared(lambda key, variant: Person.objects.filter(pk__in=key[0], last_name="Example")
                         .values("pk").order_by("pk"))
    assert [row["pk"] for row in by_a_list.rows((wanted,))] == wanted
    assert [row["pk"] for row in by_a_list.rows(([people[3].pk, people[0].pk, 10**9],))] == sorted(
        [people[3].pk, people[0].pk])
