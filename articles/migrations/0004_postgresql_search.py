"""PostgreSQL only: unaccent and pg_trgm, and GIN indexes for full-text and trigram search.

`search_text` already holds folded text (lower case, no diacritics, đ -> d; see
core.text.fold), so an immutable expression index on it serves diacritic-free
queries; unaccent is there for other apps' queries. On SQLite nothing happens:
search uses LIKE on the same folded column.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS articles_item_search_fts ON articles_item "
    "USING GIN (to_tsvector('simple'::regconfig, search_text))",
    "CREATE INDEX IF NOT EXISTS articles_item_search_trgm ON articles_item USING GIN (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS articles_page_search_fts ON articles_page "
    "USING GIN (to_tsvector('simple'::regconfig, search_text))",
    "CREATE INDEX IF NOT EXISTS articles_page_search_trgm ON articles_page USING GIN (search_text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS articles_item_search_fts",
    "DROP INDEX IF EXISTS articles_item_search_trgm",
    "DROP INDEX IF EXISTS articles_page_search_fts",
    "DROP INDEX IF EXISTS articles_page_search_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


forward = _run(FORWARD)
backward = _run(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_daily_visits")]

    operations = [migrations.RunPython(forward, backward)]
