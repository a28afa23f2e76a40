"""PostgreSQL only: trigram indexes on the folded search text and number key of legal documents.

The list's search and the site search filter with `search_text LIKE '%term%'` for
each term, OR the number key (legaldocs.selectors._matching); with 20,000
documents that was a sequential scan of the table for every search
(docs/performance.md); both sides of the OR need an index for a bitmap scan. The
extension comes from articles' 0004. On SQLite nothing happens.
"""

from django.db import migrations


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("legaldocs", "0003_alter_documentfile_document"), ("articles", "0004_postgresql_search")]

    operations = [
        migrations.RunPython(
            _run("CREATE INDEX IF NOT EXISTS legaldocs_search_trgm ON legaldocs_legaldocument "
                 "USING GIN (search_text gin_trgm_ops)"),
            _run("DROP INDEX IF EXISTS legaldocs_search_trgm"),
        ),
        migrations.RunPython(
            _run("CREATE INDEX IF NOT EXISTS legaldocs_number_trgm ON legaldocs_legaldocument "
                 "USING GIN (number_key gin_trgm_ops)"),
            _run("DROP INDEX IF EXISTS legaldocs_number_trgm"),
        ),
    ]
