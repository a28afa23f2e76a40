"""The PostgreSQL backend's health check (core/postgresql/base.py): for a reader's request on a
connection that worked within the last second only the socket is looked at; a form submission
or an idle connection gets the full check, and a connection that went away is replaced before use."""

import time

import pytest
from django.db import connection, connections

from core.postgresql.base import TRUSTED_SECONDS, DatabaseWrapper, note_request_method

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend (DATABASE_URL=postgres://...)"),
]


@pytest.fixture
def wrapper():
    """A connection of its own (outside the test's transaction), with health checks on."""
    conn = connections.create_connection("default")
    conn.settings_dict["CONN_HEALTH_CHECKS"] = True
    conn.settings_dict["CONN_MAX_AGE"] = 60
    assert isinstance(conn, DatabaseWrapper)
    yield conn
    conn.close()


def _request_begins(conn, method):
    """What Django does when a request starts (request_started): tidy, then note the method."""
    conn.close_if_unusable_or_obsolete()
    conn.request_is_safe = False
    connections_before = connections["default"]
    connections["default"] = conn
    try:
        note_request_method(sender=None, environ={"REQUEST_METHOD": method})
    finally:
        connections["default"] = connections_before


def _select_one(conn):
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


def _server_goes_away(conn):
    """The server closes the connection (a PostgreSQL restart, a proxy's idle timeout)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [conn.connection.info.backend_pid])


def test_a_form_submission_after_the_server_went_away_gets_a_new_connection(wrapper):
    assert _select_one(wrapper) == 1
    _request_begins(wrapper, "GET")
    assert _select_one(wrapper) == 1  # used a moment ago
    _server_goes_away(wrapper)
    _request_begins(wrapper, "POST")
    assert _select_one(wrapper) == 1  # checked, found dead, replaced: the submission is not lost


def test_a_reader_on_an_idle_connection_gets_a_new_one(wrapper):
    assert _select_one(wrapper) == 1
    _server_goes_away(wrapper)
    wrapper.last_known_good = time.monotonic() - TRUSTED_SECONDS - 0.1
    _request_begins(wrapper, "GET")
    assert _select_one(wrapper) == 1


def test_a_reader_on_a_connection_the_server_closed_a_moment_ago_gets_a_new_one(wrapper):
    """The round trip is skipped, not the check: the closed socket tells."""
    assert _select_one(wrapper) == 1
    _request_begins(wrapper, "GET")
    assert _select_one(wrapper) == 1
    _server_goes_away(wrapper)
    time.sleep(0.05)  # the server's goodbye reaches the socket
    _request_begins(wrapper, "GET")
    assert _select_one(wrapper) == 1
    assert not wrapper.errors_occurred


def test_a_reader_on_a_quiet_connection_used_a_moment_ago_keeps_it(wrapper):
    assert _select_one(wrapper) == 1
    _request_begins(wrapper, "GET")
    pid = wrapper.connection.info.backend_pid
    assert _select_one(wrapper) == 1
    _request_begins(wrapper, "GET")
    wrapper.close_if_health_check_failed()
    assert wrapper.health_check_done and wrapper.connection.info.backend_pid == pid
    assert wrapper._socket_quiet()
