"""The performance lists' ids, each once where it first appears: counted by the database, a page read from the front
of the query's order, reading further only when the first rows hold too few different ids."""

from datetime import date

from django.core.paginator import Paginator

from hearth.front_door.performance import FirstOfEach
from hearth.people.models import Person, PersonKind


def children(created_by, count: int, start: int = 0) -> None:
    Person.objects.bulk_create([Person(kind=PersonKind.CHILD, first_name=f"Sib{n}", last_name="Example",
                                       date_of_birth=date(2015, 1, 1), created_by=created_by,
                                       la_child_id=f"F{n:07d}") for n in range(start, start + count)])


def test_each_id_once_in_the_order_it_first_appears_with_the_database_counting_them(council):
    # 300 rows by one recorder, then one by each of two others: the first read (200 rows) holds one id, too few for a
    # page of two, so it reads four times as far.
    children(council.worker, 300)
    children(council.manager, 1, start=300)
    children(council.adviser, 1, start=301)
    ids = FirstOfEach(Person.objects.filter(la_child_id__startswith="F").order_by("la_child_id")
                      .values_list("created_by_id"))
    assert ids.count() == len(ids) == 3
    assert ids[0:2] == [council.worker.pk, council.manager.pk]
    assert ids[1:3] == [council.manager.pk, council.adviser.pk]
    assert ids[3:6] == []
    page = Paginator(ids, 2).get_page(2)
    assert list(page.object_list) == [council.adviser.pk] and page.paginator.num_pages == 2
