#!/usr/bin/env bash
# Benchmark the portal at provincial scale (issue 10); see docs/performance.md.
#   bench/run.sh                      generate 1,000,000 items into portal_bench, then measure
#   bench/run.sh --reuse              measure the existing bench data set again
#   bench/run.sh --items 200000 --database portal_bench_200k
# Needs PostgreSQL and Redis on 127.0.0.1 (BENCH_DB_SERVER, BENCH_REDIS_URL to change);
# installs wrk and nginx with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet -r requirements.txt
fi
exec .venv/bin/python -m bench.run "$@"
