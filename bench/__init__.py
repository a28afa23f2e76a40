"""Benchmark of the portal at provincial scale (issue 10): data set, load test, report.

Run `bench/run.sh`; see docs/performance.md.
"""
