"""accounts.backends.PortalModelBackend: Django's permissions, read in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User

from accounts.backends import PortalModelBackend

pytestmark = pytest.mark.django_db


def _permission(codename):
    return Permission.objects.get(codename=codename)


@pytest.fixture
def editor():
    group = Group.objects.create(name="Ban Biên tập (kiểm thử)")
    group.permissions.add(_permission("change_item"), _permission("close_month"))
    user = User.objects.create_user("bien-tap", password="x")
    user.groups.add(group)
    user.user_permissions.add(_permission("add_quotaexemption"), _permission("change_item"))
    return user


def _fresh(user):
    return User.objects.get(pk=user.pk)  # no permissions kept from an earlier check


def test_the_same_permissions_as_djangos_backend_in_one_query(editor, django_assert_num_queries):
    expected = ModelBackend().get_all_permissions(_fresh(editor))
    assert {"articles.change_item", "quotas.close_month", "quotas.add_quotaexemption"} <= expected
    user = _fresh(editor)
    with django_assert_num_queries(1):
        assert PortalModelBackend().get_all_permissions(user) == expected
        assert PortalModelBackend().has_perm(user, "quotas.close_month")  # kept for the request
        assert not PortalModelBackend().has_perm(user, "quotas.delete_quotarule")


def test_group_and_own_permissions_each_count(editor):
    editor.user_permissions.clear()
    assert PortalModelBackend().has_perm(_fresh(editor), "quotas.close_month")  # from the group
    assert not PortalModelBackend().has_perm(_fresh(editor), "quotas.add_quotaexemption")
    editor.groups.clear()
    editor.user_permissions.add(_permission("add_quotaexemption"))
    assert PortalModelBackend().has_perm(_fresh(editor), "quotas.add_quotaexemption")  # their own
    assert not PortalModelBackend().has_perm(_fresh(editor), "quotas.close_month")


def test_superusers_have_all_and_inactive_people_none(editor):
    boss = User.objects.create_superuser("quan-tri", password="x")
    assert PortalModelBackend().get_all_permissions(boss) == ModelBackend().get_all_permissions(_fresh(boss))
    assert len(PortalModelBackend().get_all_permissions(_fresh(boss))) == Permission.objects.count()
    editor.is_active = False
    editor.save()
    assert PortalModelBackend().get_all_permissions(_fresh(editor)) == set()
    assert not _fresh(editor).has_perm("quotas.close_month")


def test_the_portal_checks_permissions_through_it(editor, client):
    from django.conf import settings

    assert "accounts.backends.PortalModelBackend" in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.ModelBackend" not in settings.AUTHENTICATION_BACKENDS
    assert _fresh(editor).has_perm("quotas.close_month")
