"""PostgreSQL only: a stored, generated `search_vector` column on items, with its GIN index.

The expression index of 0004 served the `@@` filter, but every candidate row and every
ranked row still recomputed `to_tsvector(search_text)`: at 1,000,000 items a common word
took ~170 ms to pick the newest 1,000 matches and ~190 ms more to rank them
(docs/performance.md). A generated column is computed by PostgreSQL on every INSERT and
UPDATE (including COPY and raw SQL), so no code path can forget it, and Django never writes
it because it is not a model field. SQLite keeps searching with LIKE on `search_text`.

Adding a stored column rewrites the table once (minutes at a million items); run it in a
maintenance window on a large site.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE articles_item ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS articles_item_search_vector ON articles_item USING GIN (search_vector)",
    "DROP INDEX IF EXISTS articles_item_search_fts",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS articles_item_search_fts ON articles_item "
    "USING GIN (to_tsvector('simple'::regconfig, search_text))",
    "DROP INDEX IF EXISTS articles_item_search_vector",
    "ALTER TABLE articles_item DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_category_public_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
