"""Who may open what: every role against every staff URL, every workflow state and action,
and other units' items (IDOR by id ± 1).

URLs are discovered from the URL configuration (tests/security/urls.py), so pages
added by any app are covered without editing this file.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from articles.models import ItemStatus
from organisation.roles import Role
from tests.factories import CategoryFactory, ItemFactory, make_user

from .urls import staff_urls_with_arguments, staff_urls_with_one_id, staff_urls_without_arguments

pytestmark = pytest.mark.django_db

ACTOR_NAMES = ["zed", "colin", "alice", "bob", "carol", "sam", "mike", "dora", "hana", "leo", "olga"]
REFUSED = {302, 403, 404, 405}
# Pages that list only the signed-in person's own things (empty for someone with no role).
PERSONAL_PAGES = {"editorial:my_items", "editorial:tasks", "editorial:notifications", "royalties:mine"}


@pytest.fixture
def actors(request, zed, colin, alice, bob, carol, sam, mike, dora, hana, leo, olga, unit):
    people = {name: request.getfixturevalue(name) for name in ACTOR_NAMES}
    people["quantri"] = make_user(Role.SITE_ADMIN, unit=unit, username="quantri")
    return people


def _client(user):
    client = Client()
    client.raise_request_exception = True
    if user is not None:
        client.force_login(user)
    return client


def _links(user):
    """What the workspace offers the user, from every app's navigation.staff_links."""
    links = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        links.extend(link["url"] for link in module.staff_links(get_user_model().objects.get(pk=user.pk)))
    return links


STAFF_URLS = staff_urls_without_arguments()


@pytest.mark.parametrize(("name", "url"), STAFF_URLS, ids=[n for n, _ in STAFF_URLS])
def test_anonymous_visitors_are_sent_to_login_from_every_staff_page(client, name, url):
    response = client.get(url)
    assert response.status_code in REFUSED, f"{name} answered {response.status_code} to an anonymous visitor"
    if response.status_code == 302:
        assert "/tai-khoan/dang-nhap/" in response["Location"]
    assert client.post(url, {}).status_code in REFUSED


@pytest.mark.parametrize(("name", "url"), STAFF_URLS, ids=[n for n, _ in STAFF_URLS])
def test_every_role_gets_an_answer_not_an_error_from_every_staff_page(actors, name, url):
    for username, user in actors.items():
        client = _client(user)
        response = client.get(url)
        assert response.status_code < 500, f"{name} failed for {username}"
        response = client.post(url, {})
        assert response.status_code < 500, f"an empty POST to {name} failed for {username}"


ARGUMENT_URLS = staff_urls_with_arguments()


@pytest.mark.parametrize(("name", "url"), ARGUMENT_URLS, ids=[n for n, _ in ARGUMENT_URLS])
def test_staff_pages_about_one_thing_refuse_visitors_and_people_without_a_role(client, zed, name, url):
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code in REFUSED, f"{name} answered {response.status_code} to a visitor"
    no_role = _client(zed)
    for response in (no_role.get(url), no_role.post(url, {})):
        assert response.status_code in REFUSED, f"{name} answered {response.status_code} to a user with no role"


@pytest.mark.parametrize(("name", "url"), STAFF_URLS, ids=[n for n, _ in STAFF_URLS])
def test_a_person_without_a_role_sees_only_what_the_workspace_offers(zed, name, url):
    offered = set(_links(zed)) | {"/lam-viec/"}
    response = _client(zed).get(url)
    if name in PERSONAL_PAGES:
        assert response.status_code in REFUSED | {200}
        if response.status_code == 200:
            assert "Tin của" not in response.content.decode()
    elif url in offered:
        assert response.status_code == 200
    else:
        assert response.status_code in REFUSED, f"{name} is open to a user with no role"


def test_every_workspace_link_opens_for_the_person_it_is_offered_to(actors):
    for username, user in actors.items():
        client = _client(user)
        for url in _links(user):
            response = client.get(url)
            assert response.status_code == 200, f"{username} is offered {url} but gets {response.status_code}"


def test_the_admin_is_closed_to_staff_without_admin_rights(actors, client):
    assert client.get("/quan-tri/").status_code == 302
    for username, user in actors.items():
        if not user.is_staff:
            response = _client(user).get("/quan-tri/")
            assert response.status_code == 302 and "login" in response["Location"], username


# --- IDOR: another unit's items, and their neighbours by id ----------------------------------


@pytest.fixture
def items_of_two_units(alice, bob, unit, other_unit):
    own = ItemFactory(unit=unit, author=alice, status=ItemStatus.DRAFT, title="Tin của Alice")
    theirs = [
        ItemFactory(unit=other_unit, author=bob, status=status, title=f"Tin của Bob {status}")
        for status in (ItemStatus.DRAFT, ItemStatus.UNIT_REVIEW, ItemStatus.RETURNED)
    ]
    return own, theirs


ID_URLS = staff_urls_with_one_id()


@pytest.mark.parametrize(("name", "argument"), ID_URLS, ids=[n for n, _ in ID_URLS])
def test_an_author_cannot_open_another_units_items_by_guessing_ids(alice, items_of_two_units, name, argument):
    from django.urls import reverse

    own, theirs = items_of_two_units
    client = _client(alice)
    for item in theirs:
        for pk in (item.pk, item.pk + 1 if item.pk + 1 != own.pk else item.pk):
            url = reverse(name, kwargs={argument: pk})
            for response in (client.get(url), client.post(url, {"action": "submit", "comment": "x"})):
                assert response.status_code in REFUSED, f"{url} opened for alice ({response.status_code})"
    for item in theirs:
        item.refresh_from_db()
        assert item.author_id != alice.pk and item.status in {
            ItemStatus.DRAFT, ItemStatus.UNIT_REVIEW, ItemStatus.RETURNED
        }


def test_the_idor_check_is_not_vacuous_alice_opens_her_own_item(alice, items_of_two_units):
    own, _ = items_of_two_units
    assert _client(alice).get(f"/bien-tap/tin-bai/{own.pk}/").status_code == 200


def test_a_unit_leader_cannot_act_on_another_units_items(carol, items_of_two_units):
    _, theirs = items_of_two_units
    in_review = theirs[1]
    response = _client(carol).post(
        f"/bien-tap/tin-bai/{in_review.pk}/chuyen/",
        {"action": "approve", "expected_state": ItemStatus.UNIT_REVIEW, "comment": "Đồng ý"},
    )
    assert response.status_code in REFUSED
    in_review.refresh_from_db()
    assert in_review.status == ItemStatus.UNIT_REVIEW


# --- every role × every workflow state × every action -----------------------------------------


def _workflow():
    from editorial.workflow import SYSTEM_ACTIONS, WORKFLOW

    return WORKFLOW, SYSTEM_ACTIONS


def _post_data(action, state, mike, category):
    from editorial.models import RejectionReason

    data = {"action": action, "expected_state": state, "comment": "Ý kiến kiểm thử quyền.",
            "reason": RejectionReason.values[0]}
    if action == "assign":
        data.update(assignee=mike.pk, category=category.pk, kind="tin")
    if action == "schedule":
        data["scheduled_for"] = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    return data


def test_every_role_in_every_state_can_make_exactly_the_moves_the_table_allows(actors, unit, alice, mike):
    from editorial import permissions as perms

    workflow, system_actions = _workflow()
    category = CategoryFactory()
    all_actions = sorted({m.action for m in workflow.moves} - set(system_actions))
    mismatches = []
    for state in ItemStatus.values:
        # The moves defined from this state, and two that are not (they must be refused too).
        defined = [m.action for m in workflow.moves_from(state) if m.action not in system_actions]
        undefined = [a for a in all_actions if a not in defined][:2]
        for action in defined + undefined:
            for username, user in actors.items():
                item = ItemFactory(unit=unit, author=alice, status=state, assignee=mike, category=category,
                                   scheduled_for=timezone.now() + timezone.timedelta(days=1)
                                   if state == ItemStatus.SCHEDULED else None)
                fresh = get_user_model().objects.get(pk=user.pk)
                move = workflow._index.get((state, action))
                allowed = bool(move and perms.can_view(fresh, item) and move.may(fresh, item))
                history = workflow.history_model.objects.filter(**{workflow.history_fk: item})
                response = _client(user).post(
                    f"/bien-tap/tin-bai/{item.pk}/chuyen/", _post_data(action, state, mike, category)
                )
                assert response.status_code < 500
                item.refresh_from_db()
                moved = history.exists()
                if moved != allowed:
                    mismatches.append((state, action, username, "allowed" if allowed else "refused",
                                       item.status, response.status_code))
    assert not mismatches, mismatches
