"""Every page linked from the interface opens without a server error, for every demo role.

The crawl signs in as each demo user of a seeded council (the seed's accounts, one per role) and follows
every link on every page it reaches within the site, once per kind of page: two links that resolve to the
same page (its URL name, its kinds of query parameter) with different ids count as one. So every page
linked from the interface is visited by at least one test.
"""

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from hearth.accounts.models import User
from hearth.seed.generator import DEMO_USERNAMES, run_seed

LINK = re.compile(r'href="([^"]*)"')
# Leaving these alone: signing out would end the crawl, and the admin's own sign-out likewise.
NOT_FOLLOWED = ("/accounts/sign-out", "/admin/logout/")
PAGES_PER_ROLE = 300


def page_kind(url: str) -> tuple | None:
    """What makes two links the same page for the crawl: the URL's name and its query's parameter names."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return (parts.path,)  # not a page of ours: it is still fetched once, and must be a 404, not a 500
    return (match.view_name, tuple(sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})))


def links_on(page: str, base: str) -> list[str]:
    found = []
    for href in LINK.findall(page):
        url = html.unescape(href).split("#", 1)[0]
        if url.startswith("?"):
            url = urlsplit(base).path + url
        if not url.startswith("/") or url.startswith(("//", "/static/")) or url.startswith(NOT_FOLLOWED):
            continue
        found.append(url)
    return found


def crawl(client: Client) -> tuple[dict[str, int], list[str]]:
    """Visit every kind of page reachable from the home page; return each URL's status and the server errors."""
    queue, seen_kinds, statuses, errors = [("/", "")], set(), {}, []
    while queue and len(statuses) < PAGES_PER_ROLE:
        url, found_on = queue.pop(0)
        kind = page_kind(url)
        if kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code >= 500:
            errors.append(f"{url} (linked from {found_on or 'nowhere: the start'})")
        elif response.status_code in (301, 302):
            queue.extend((link, url) for link in links_on(f'href="{response["Location"]}"', url))
        elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            queue.extend((link, url) for link in links_on(response.content.decode(), url))
    return statuses, errors


@pytest.mark.django_db
def test_no_page_linked_from_the_interface_is_a_server_error_for_any_role():
    run_seed(scale="tiny", seed=7, migrate=False)
    errors, visited = {}, {}
    for username in DEMO_USERNAMES:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=username))
        statuses, failed = crawl(client)
        visited[username] = statuses
        if failed:
            errors[username] = failed
    assert not errors, errors
    # The crawl reached each role's pages, not only their home page.
    assert all(len(statuses) >= 3 for statuses in visited.values()), {u: sorted(s) for u, s in visited.items()}
    reached = {url for statuses in visited.values() for url in statuses}
    for path in ("/children/", "/front-door/", "/front-door/performance", "/timescales/", "/partner/",
                 "/accounts/administration/", "/inspection/", "/oversight/decisions"):
        assert any(url.split("?")[0] == path for url in reached), path
    assert any(re.fullmatch(r"/children/\d+/history", url) for url in reached)
