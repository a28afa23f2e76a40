"""Named actors, one per role, as in healthchecks' test base: tests read as sentences."""

import shutil

import pytest
from django.conf import settings

from organisation.roles import Role

from .factories import UnitFactory, make_user


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


def _rerun_data_migrations():
    """Re-create what data migrations made (roles, categories) after a flush emptied the tables."""
    from django.apps import apps as global_apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(connection)
    plan = []
    for leaf in loader.graph.leaf_nodes():
        for key in loader.graph.forwards_plan(leaf):
            if key not in plan:
                plan.append(key)
    for key in plan:
        if key[0] not in settings.INSTALLED_APPS:
            continue
        for operation in loader.graph.nodes[key].operations:
            if isinstance(operation, RunPython):
                with connection.schema_editor() as schema_editor:
                    operation.code(global_apps, schema_editor)


@pytest.fixture(autouse=True)
def _data_migrations_present(request):
    """Transactional tests flush every table; put the migrations' rows back for the next test."""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if not (marker or {"db", "transactional_db", "live_server"} & set(names)):
        return
    transactional = (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(names)
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.contrib.auth.models import Group

    if not Group.objects.exists():
        _rerun_data_migrations()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:  # a test may have stopped Redis on purpose
        pass


@pytest.fixture
def unit(db):
    return UnitFactory(name="Phòng Hành chính tư pháp")


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="Phòng Tư pháp huyện Kỳ Anh", kind="district")


@pytest.fixture
def alice(unit):
    """Alice is a staff author in `unit`."""
    return make_user(Role.AUTHOR, unit=unit, username="alice")


@pytest.fixture
def bob(other_unit):
    """Bob is a staff author in `other_unit`."""
    return make_user(Role.AUTHOR, unit=other_unit, username="bob")


@pytest.fixture
def carol(unit):
    """Carol leads `unit`."""
    return make_user(Role.UNIT_LEADER, unit=unit, username="carol", position="Trưởng phòng")


@pytest.fixture
def sam(unit):
    """Sam is the editorial secretary."""
    return make_user(Role.SECRETARY, unit=unit, username="sam", is_staff=True)


@pytest.fixture
def mike(unit):
    """Mike is a board member."""
    return make_user(Role.BOARD_MEMBER, unit=unit, username="mike", is_staff=True)


@pytest.fixture
def dora(unit):
    """Dora is the deputy head of the board."""
    return make_user(Role.DEPUTY_HEAD, unit=unit, username="dora", is_staff=True)


@pytest.fixture
def hana(unit):
    """Hana is the head of the board."""
    return make_user(Role.HEAD, unit=unit, username="hana", is_staff=True)


@pytest.fixture
def leo(unit):
    """Leo is in the department's leadership."""
    return make_user(Role.LEADERSHIP, unit=unit, username="leo")


@pytest.fixture
def olga(unit):
    """Olga works in the department office (pays royalties)."""
    return make_user(Role.OFFICE, unit=unit, username="olga")


@pytest.fixture
def colin(db):
    """Colin is an outside collaborator with no unit."""
    return make_user(Role.COLLABORATOR, username="colin")


@pytest.fixture
def zed(db):
    """Zed has an account and no role at all."""
    return make_user(None, username="zed")


@pytest.fixture
def redis_url():
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: this test needs a real Redis (run with REDIS_URL=redis://127.0.0.1:6379/0)")
    return settings.REDIS_URL



@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """A request under /en/ leaves English active in the thread; start every test in Vietnamese."""
    from django.utils import translation

    with translation.override("vi"):
        yield
