"""The results table (Markdown) and the issue's targets, from one run's results dict."""

STATIC_SHARE_MICROCACHE = 0.50
STATIC_SHARE_CACHED = 0.05
STATIC_SHARE_UNCACHED = 0.01
SINGLE_P50_MS, SINGLE_P99_MS = 10, 30
SEARCH_P99_MS = 150
DASHBOARD_MS = 300


def _ratio(rps, static):
    return f"{100 * rps / static:.1f} %" if static and rps is not None else "–"


def _cell(run, static):
    if not run:
        return "–"
    return f"{run['rps']:,.0f} ({_ratio(run['rps'], static)}) {run['p50_ms']}/{run['p99_ms']}"


def _lat(run):
    return f"{run['p50_ms']}/{run['p99_ms']}" if run else "–"


def _interpreter_line(results):
    facts = results.get("interpreter")
    if not facts:
        return []
    return [f"Servers' interpreter: {facts['implementation']} {facts['version']} ({facts['base_executable']}; "
            f"{facts['build']}); bench/interpreter.py says why."]


def markdown(results):
    static = results["static"]["c"]["rps"]
    scale = results["scale"]["scale"]
    settings = results["settings"]
    c = settings["connections"]
    lines = [
        f"# Benchmark {results['started_at']}",
        "",
        f"Data set: {scale.get('items', 0):,} published items over {scale.get('months')} months, "
        f"{scale.get('units')} units, {scale.get('categories')} categories, {scale.get('questions', 0):,} questions, "
        f"{scale.get('legal_documents', 0):,} legal documents (parts: "
        + ", ".join(f"{k} {v['rows']:,} rows" for k, v in results["scale"]["parts"].items()) + ").",
        f"Load: wrk {settings['duration']} s per cell, {c} connections ({settings['threads']} threads) and 1 "
        f"connection; gunicorn {settings['workers']} uvicorn workers (portal/gunicorn_conf.py); machine {results['machine']['cores']} cores, "
        f"load average {results['machine']['load_before'][0]:.1f} before / "
        f"{results['machine']['load_after'][0]:.1f} after (shared machine: figures are noisy).",
        *_interpreter_line(results),
        "",
        f"Static reference (nginx, {results['static']['bytes']:,}-byte HTML file like the article page): "
        f"**{static:,.0f} req/s** at {c} connections, p50/p99 {_lat(results['static']['c'])} ms; "
        f"1 connection p50/p99 {_lat(results['static']['c1'])} ms.",
        "",
        f"Cells: requests/s (share of the static figure) p50/p99 ms, at {c} connections; "
        "c1 = one connection p50/p99 ms; queries = SQL queries for one request. "
        "Uncached = the whole-page cache off, so every request renders its page (what a cache miss "
        "costs); the menu, category tree and department stay in Redis as they do in production.",
        "",
        f"| page | nginx microcache c{c} | Django cache hit c{c} | cached c1 | uncached c{c} | uncached c1 "
        "| queries cached / uncached |",
        "|---|---|---|---|---|---|---|",
    ]
    for page in results["pages"].values():
        if "uncached" not in page and "cached" not in page:
            lines.append(f"| {page['label']} | skipped: {'; '.join(page.get('notes', []))} | | | | | |")
            continue
        if page.get("microcache"):
            micro = _cell(page["microcache"], static)
            if page.get("microcache_status") != "HIT":
                micro += f" [{page.get('microcache_status')}]"
        elif page.get("microcache_status"):
            micro = f"– (logged in: {page['microcache_status']})"
        else:
            micro = "–"
        lines.append(
            f"| {page['label']} | {micro} | {_cell(page.get('cached'), static)} | {_lat(page.get('cached_c1'))} "
            f"| {_cell(page.get('uncached'), static)} | {_lat(page.get('uncached_c1'))} "
            f"| {page.get('queries_cached', '–')} / {page.get('queries_uncached', '–')} |"
        )
    cold = [f"{page['label'].lower()} p50/p99 {_lat(page['cold_c1'])} ms ({page.get('queries_cold')} queries)"
            for page in results["pages"].values() if page.get("cold_c1")]
    if cold:
        lines += ["", "Cold, no cache at all (DummyCache: menu and fragments recomputed too), one connection: "
                  + "; ".join(cold) + "."]
    rss = results["rss_mb"]
    lines += [
        "",
        f"Peak RSS of a gunicorn worker: {rss.get('cached')} MB (cache on), {rss.get('uncached')} MB (page cache off).",
        "",
        "## Targets",
        "",
        "| target | achieved | met |",
        "|---|---|---|",
    ]
    for target in results.get("targets", []):
        lines.append(f"| {target['target']} | {target['achieved']} | {'yes' if target['met'] else '**no**'} |")
    notes = [f"{key}: {note}" for key, note in results.get("notes", {}).items()]
    for key, page in results["pages"].items():
        for note in page.get("notes", []):
            notes.append(f"{key}: {note}")
    if notes:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


def targets(results):
    """Each target of issue 10 with the achieved figure (None-safe: skipped pages are reported as such)."""
    static = results["static"]["c"]["rps"] or 0
    pages = results["pages"]
    out = []

    def add(target, achieved, met):
        out.append({"target": target, "achieved": achieved, "met": bool(met)})

    def share(run):
        return run["rps"] / static if run and static else None

    anonymous = [k for k in pages if pages[k].get("microcache")]
    for key in anonymous:
        s = share(pages[key]["microcache"])
        add(f"{pages[key]['label']}: nginx microcache ≥ 50 % of static", f"{100 * s:.1f} %",
            s >= STATIC_SHARE_MICROCACHE)
    for key in anonymous:
        s = share(pages[key].get("cached"))
        if s is not None:
            add(f"{pages[key]['label']}: Django cache hit ≥ 5 % of static", f"{100 * s:.1f} %",
                s >= STATIC_SHARE_CACHED)
    for key in ("article", "category"):
        page = pages.get(key, {})
        s = share(page.get("uncached"))
        if s is None:
            add(f"{key}: uncached ≥ 1 % of static", "not measured", False)
            continue
        add(f"{page['label']}: uncached ≥ 1 % of static at {page['uncached']['connections']} connections",
            f"{100 * s:.2f} %", s >= STATIC_SHARE_UNCACHED)
        single = page.get("uncached_c1") or {}
        p50, p99 = single.get("p50_ms"), single.get("p99_ms")
        add(f"{page['label']}: uncached, one connection, p50 < 10 ms and p99 < 30 ms", f"{p50} / {p99} ms",
            p50 is not None and p99 is not None and p50 < SINGLE_P50_MS and p99 < SINGLE_P99_MS)
    search = pages.get("search", {}).get("uncached_c1")
    add("Search without diacritics, uncached, one connection, p99 < 150 ms",
        f"{search['p99_ms']} ms" if search else "not measured",
        search and search["p99_ms"] is not None and search["p99_ms"] < SEARCH_P99_MS)
    for key in ("quota_dashboard", "quota_ranking"):
        run = pages.get(key, {}).get("uncached_c1")
        label = pages.get(key, {}).get("label", key)
        add(f"{label}: < 300 ms (uncached, one connection, p99)",
            f"{run['p99_ms']} ms" if run else "not measured: " + "; ".join(pages.get(key, {}).get("notes", [])),
            run and run["p99_ms"] is not None and run["p99_ms"] < DASHBOARD_MS)
    first, deep, cursor = (pages.get(k, {}).get("uncached_c1") for k in
                           ("category", "category_deep", "category_deep_cursor"))
    if first and (deep or cursor):
        worst = max((r["p50_ms"] for r in (deep, cursor) if r and r["p50_ms"] is not None), default=None)
        best_deep = min((r["p50_ms"] for r in (deep, cursor) if r and r["p50_ms"] is not None), default=None)
        add("Deep pagination not slower with depth (uncached p50, first vs deep page)",
            f"first {first['p50_ms']} ms, deep ?page= {deep and deep['p50_ms']} ms, "
            f"deep cursor {cursor and cursor['p50_ms']} ms",
            best_deep is not None and worst is not None and best_deep <= first["p50_ms"] * 1.2 + 2)
    counts = {k: p.get("queries_uncached") for k, p in pages.items() if p.get("queries_uncached") is not None}
    if counts:
        add("A constant, small number of queries per page (uncached)",
            ", ".join(f"{k} {v}" for k, v in counts.items()), max(counts.values()) <= 15)
    return out
