import pytest

from legaldocs.navigation import staff_links as legaldocs_links
from publicinfo.navigation import staff_links as publicinfo_links
from sharing.navigation import staff_links as sharing_links

pytestmark = pytest.mark.django_db

EDIT_PERMS = [
    "legaldocs.change_legaldocument",
    "legaldocs.add_legaldocument",
    "publicinfo.change_procedure",
    "publicinfo.add_scheduleentry",
    "publicinfo.change_notice",
    "publicinfo.add_judicialentry",
    "publicinfo.change_weblink",
    "sharing.change_componentsite",
]


def test_the_secretary_edits_every_public_module(sam):
    assert all(sam.has_perm(p) for p in EDIT_PERMS)


@pytest.mark.parametrize("actor", ["mike", "hana", "dora", "leo", "olga"])
def test_board_leadership_and_office_only_view(request, actor):
    user = request.getfixturevalue(actor)
    assert user.has_perm("legaldocs.view_legaldocument") and user.has_perm("publicinfo.view_procedure")
    assert not any(user.has_perm(p) for p in EDIT_PERMS)


def test_authors_have_no_admin_rights_on_public_modules(alice):
    assert not alice.has_perm("legaldocs.view_legaldocument")


def test_the_workspace_links_only_what_the_user_may_edit(sam, mike):
    assert legaldocs_links(sam) and publicinfo_links(sam) and sharing_links(sam)
    mike.is_staff = True
    assert legaldocs_links(mike) == [] and publicinfo_links(mike) == [] and sharing_links(mike) == []


def test_a_board_member_cannot_open_the_import_page(client, mike):
    mike.is_staff = True
    mike.save()
    client.force_login(mike)
    assert client.get("/quan-tri/legaldocs/legaldocument/nhap-excel/").status_code == 403
