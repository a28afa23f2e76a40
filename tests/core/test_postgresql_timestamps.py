"""Timestamps read by psycopg's compiled loader (core/postgresql/base.py, UtcTimestamptzLoader):
the very datetimes Django's own loader gives, on the portal's connections and on any other."""

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg import postgres
from psycopg.pq import Format

from core.postgresql.base import _PSYCOPG_LOADER, UtcTimestamptzLoader

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend (DATABASE_URL=postgres://...)"),
]

OID = postgres.types["timestamptz"].oid
VALUES_SQL = (
    "SELECT v FROM (VALUES (timestamptz '2026-12-01 00:00:00+07'), (timestamptz '2026-01-31 23:59:59.999999+00'),"
    " (timestamptz '1970-01-01 00:00:00+00'), (timestamptz '2024-02-29 12:30:00.5-05'), (NULL)) AS t(v)"
)


def _read(cursor, sql=VALUES_SQL):
    cursor.execute(sql)
    return [row[0] for row in cursor.fetchall()]


def _djangos(cursor):
    """The same query through Django's own loader, registered on this cursor only."""
    register_tzloader(datetime.UTC, cursor.cursor)
    return _read(cursor)


def test_the_portals_connections_read_timestamps_as_django_does():
    with connection.cursor() as cursor:
        assert connection.connection.adapters.get_loader(OID, Format.TEXT) is UtcTimestamptzLoader
        ours = _read(cursor)
    with connection.cursor() as cursor:
        djangos = _djangos(cursor)
    assert ours == djangos
    assert ours[0] == datetime.datetime(2026, 11, 30, 17, 0, tzinfo=datetime.UTC)
    assert ours[3] == datetime.datetime(2024, 2, 29, 17, 30, 0, 500000, tzinfo=datetime.UTC)
    assert ours[4] is None
    # The same time zone object as Django's (aware datetimes in datetime.timezone.utc).
    assert all(value.tzinfo is datetime.UTC for value in ours[:4])


def test_a_connection_in_utc_uses_psycopgs_loader_and_another_djangos():
    """In UTC, psycopg's own loader (compiled with psycopg[binary]); a connection in another
    zone (which Django never leaves it in) gets Django's, with Django's result."""
    raw = connection.connection if connection.connection else None
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    in_utc = UtcTimestamptzLoader(OID, raw)
    assert isinstance(in_utc._loader, _PSYCOPG_LOADER)
    with raw.cursor() as cursor:
        cursor.execute("SET LOCAL TIME ZONE 'Asia/Ho_Chi_Minh'")
        elsewhere = UtcTimestamptzLoader(OID, raw)
        assert not isinstance(elsewhere._loader, _PSYCOPG_LOADER)
        local_text = b"2026-12-01 07:00:00+07"
        assert elsewhere.load(local_text) == in_utc.load(b"2026-12-01 00:00:00+00").replace(hour=7)
        assert elsewhere.load(local_text).tzinfo is datetime.UTC
