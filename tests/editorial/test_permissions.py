"""Who may do what, for every (state, action, role), and who may see which item page."""

import pytest
from django.urls import reverse

from articles.models import ItemStatus
from core.workflow import ActorNotAllowed
from editorial import services
from editorial.workflow import MOVES
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db

ACTORS = ("alice", "bob", "carol", "sam", "mike", "dora", "hana", "leo", "colin", "zed")
ASSIGNED_STATES = {
    "editing",
    "verifying",
    "final_review",
    "approved",
    "scheduled",
    "published",
    "unpublished",
    "returned",
    "rejected",
}

# Who may make each move on an item alice wrote in carol's unit, assigned to mike (dora not delegated).
EXPECTED = {
    ("draft", "send_to_unit"): {"alice"},
    ("draft", "submit"): set(),  # alice's unit needs its leader's approval first
    ("returned", "send_to_unit"): {"alice"},
    ("returned", "submit"): set(),
    ("unit_review", "unit_approve"): {"carol"},
    ("unit_review", "return"): {"carol"},
    ("unit_review", "reject"): {"carol"},
    ("submitted", "assign"): {"sam"},
    ("submitted", "return"): {"sam"},
    ("submitted", "reject"): {"sam"},
    ("editing", "edit_done"): {"mike"},
    ("editing", "assign"): {"sam"},
    ("editing", "return"): {"mike", "sam"},
    ("editing", "reject"): {"mike", "sam"},
    ("verifying", "verify"): {"hana"},
    ("verifying", "send_back"): {"hana"},
    ("verifying", "return"): {"hana"},
    ("verifying", "reject"): {"hana"},
    ("final_review", "approve"): {"hana"},
    ("final_review", "send_back"): {"hana"},
    ("final_review", "return"): {"hana"},
    ("final_review", "reject"): {"hana"},
    ("approved", "publish"): {"sam"},
    ("approved", "schedule"): {"sam"},
    ("approved", "return"): {"sam", "hana"},
    ("approved", "reject"): {"sam", "hana"},
    ("scheduled", "publish"): {"sam"},
    ("scheduled", "publish_scheduled"): {"sam"},
    ("scheduled", "unschedule"): {"sam"},
    ("published", "unpublish"): {"sam", "hana"},
    ("unpublished", "publish"): {"sam"},
}


@pytest.fixture
def people(alice, bob, carol, sam, mike, dora, hana, leo, colin, zed):
    return {
        "alice": alice,
        "bob": bob,
        "carol": carol,
        "sam": sam,
        "mike": mike,
        "dora": dora,
        "hana": hana,
        "leo": leo,
        "colin": colin,
        "zed": zed,
    }


def _item(state, people, unit):
    return ItemFactory(
        status=state,
        author=people["alice"],
        unit=unit,
        requires_unit_approval=True,
        assignee=people["mike"] if state in ASSIGNED_STATES else None,
    )


def test_the_expected_table_matches_the_workflow_table():
    assert set(EXPECTED) == {(m.source, m.action) for m in MOVES}


@pytest.mark.parametrize("state,action", sorted(EXPECTED))
def test_each_role_may_make_exactly_its_moves(state, action, people, unit):
    item = _item(state, people, unit)
    move = next(m for m in MOVES if (m.source, m.action) == (state, action))
    allowed = {name for name, user in people.items() if move.may(user, item)}
    assert allowed == EXPECTED[(state, action)]
    for name in set(ACTORS) - allowed:
        with pytest.raises(ActorNotAllowed):
            services.item_transition(
                item_id=item.pk, action=action, actor=people[name], comment="x", reason="d"
            )
    item.refresh_from_db()
    assert item.status == state


def _can_see(name, state):
    if name == "alice":
        return True
    if state == "draft":
        return False
    if name in ("carol", "sam", "hana"):
        return True
    return name == "mike" and state in ASSIGNED_STATES


@pytest.mark.parametrize("state", ItemStatus.values)
def test_item_pages_answer_404_to_people_who_may_not_see_them(state, people, unit, client):
    item = _item(state, people, unit)
    url = reverse("editorial:item", kwargs={"pk": item.pk})
    for name, user in people.items():
        client.force_login(user)
        response = client.get(url)
        expected = 200 if _can_see(name, state) else 404
        assert response.status_code == expected, (name, state, response.status_code)


def test_an_author_cannot_open_another_authors_edit_form(people, unit, client):
    item = ItemFactory(status="draft", author=people["bob"], unit=unit)
    client.force_login(people["alice"])
    assert client.get(reverse("editorial:author_edit", kwargs={"pk": item.pk})).status_code == 404


def test_a_unit_leader_sees_only_their_units_items(people, unit, other_unit, client):
    mine = ItemFactory(status="unit_review", author=people["alice"], unit=unit, title="Tin của phòng mình")
    other = ItemFactory(status="unit_review", author=people["bob"], unit=other_unit, title="Tin phòng khác")
    client.force_login(people["carol"])
    page = client.get(reverse("editorial:unit")).content.decode()
    assert mine.title in page and other.title not in page
    assert client.get(reverse("editorial:item", kwargs={"pk": other.pk})).status_code == 404


def test_posting_a_move_on_someone_elses_item_is_404(people, unit, client):
    item = ItemFactory(status="submitted", author=people["alice"], unit=unit)
    client.force_login(people["bob"])
    response = client.post(
        reverse("editorial:act", kwargs={"pk": item.pk}),
        {"action": "reject", "expected_state": "submitted", "comment": "x", "reason": "a"},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == "submitted"


@pytest.mark.parametrize(
    "name,url_name,status",
    [
        ("alice", "board", 403),
        ("alice", "inbox", 403),
        ("alice", "unit", 403),
        ("alice", "delegations", 403),
        ("mike", "inbox", 403),
        ("mike", "board", 200),
        ("sam", "inbox", 200),
        ("carol", "unit", 200),
        ("hana", "delegations", 200),
        ("sam", "delegations", 403),
        ("zed", "submit", 403),
        ("colin", "submit", 200),
    ],
)
def test_staff_pages_check_the_role(name, url_name, status, people, client):
    client.force_login(people[name])
    assert client.get(reverse(f"editorial:{url_name}")).status_code == status
