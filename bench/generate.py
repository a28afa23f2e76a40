"""Generate the benchmark data set: a province's portal after three years of use.

    .venv/bin/python -m bench.generate [--items 1000000] [--reuse | --rebuild] [--database portal_bench]

Writes with PostgreSQL COPY into the apps' real tables (found through Django's
models, so new columns get sensible values), then rebuilds indexes and runs
VACUUM ANALYZE. Each part (items, history, questions...) is recorded in the
bench_part table: with --reuse, parts already done are kept and parts whose
tables appeared since (another app's migration) are generated then.
"""

import argparse
import json
import os
import sys
import time
from datetime import UTC, date, datetime, timedelta

from . import database

DEFAULT_SCALE = {
    "items": 1_000_000,      # published items
    "months": 36,
    "units": 200,
    "categories": 50,
    "tags": 300,
    "questions": 100_000,
    "legal_documents": 20_000,
}


def log(message):
    print(f"[bench.generate {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def scale_for(items):
    """Scale the other counts with the number of items (the default is the issue's 1,000,000)."""
    factor = items / DEFAULT_SCALE["items"]
    return {
        **DEFAULT_SCALE,
        "items": items,
        "questions": max(100, int(DEFAULT_SCALE["questions"] * factor)),
        "legal_documents": max(50, int(DEFAULT_SCALE["legal_documents"] * factor)),
        "units": DEFAULT_SCALE["units"] if items >= 10_000 else 20,
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=None, help="bench database name (default portal_bench)")
    parser.add_argument("--items", type=int, default=DEFAULT_SCALE["items"], help="published items")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--reuse", action="store_true", help="keep the existing bench data set; add missing parts")
    mode.add_argument("--rebuild", action="store_true", help="drop the existing bench data set and generate anew")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args(argv)


def prepare_database(args):
    """Check, create or empty the bench database; returns its URL. Exits on refusal."""
    url = database.bench_url(args.database)
    try:
        database.name_check(url)
    except database.BenchDatabaseError as exc:
        sys.exit(f"bench: {exc}")
    if database.database_ensure(url):
        log(f"created database {database.database_name(url)}")
    state, info = database.database_state(url)
    scale = scale_for(args.items)
    if state == "foreign":
        sys.exit(
            f"bench: refusing: database {database.database_name(url)} has {info} tables and no bench marker; "
            "it is not a bench data set. Use another --database name."
        )
    if state == "bench":
        same = info["scale"] == scale
        if args.rebuild:
            log("dropping the previous bench data set (--rebuild)")
            database.schema_drop(url)
        elif args.reuse:
            if not same:
                log(f"note: reusing a data set of another scale: {info['scale']} (asked {scale})")
        else:
            sys.exit(
                f"bench: database {database.database_name(url)} already holds a bench data set "
                f"({info['scale'].get('items')} items, finished {info['finished_at']}). "
                "Pass --reuse to measure it or --rebuild to generate it anew."
            )
    return url


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    url = prepare_database(args)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    log("migrate")
    call_command("migrate", verbosity=0, interactive=False)
    from .dataset import Generator

    Generator(scale=scale_for(args.items), seed=args.seed).run()
    log(f"data set ready in {time.monotonic() - started:.0f} s")
    return 0


def json_default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    raise TypeError(type(value))


def dumps(value):
    return json.dumps(value, default=json_default, ensure_ascii=False)


if __name__ == "__main__":
    sys.exit(main())


