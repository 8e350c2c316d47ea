#!/usr/bin/env python3
"""CSV to report, side by side with DuckDB: plan_check against one DuckDB query.

Builds the release examples, generates a registry CSV of Nghệ An
(examples/generate_registry.rs), then times, end to end and several times
each (the median is reported):

- `plan_check --registry FILE --as-of DATE --format json` (the Nghệ An plan
  `nghe-an-363-2023`), a process that reads the CSV and evaluates the plan;
- DuckDB (its Python package) reading the same CSV and computing the same
  targets in one SQL query.

Before any time is printed, DuckDB's value of every target must equal
plan_check's `actual` (both rounded to 10 significant digits; "no data" only
equals "no data"): a comparison of two different computations is worthless,
so a mismatch, or a target of the plan that the SQL does not compute, or a
measure of the plan that is not the one the SQL was written for, fails the
script (exit code 1).

The SQL follows the engine's rules (DOMAIN.md, "What the measures are";
src/plan/filter.rs, src/engine/finalize.rs): the population is the
organisations active at the snapshot date (status active, established on or
before it, no dissolution date on or before it); "rated" means a cooperative
or union (never a cooperative group) with a rating for the snapshot's year
(the CSV's `rating` column); a share's numerator is taken inside its
denominator and an empty denominator is no data; a sum over organisations of
which none reports the field is no data, a sum over none is 0. It is written
for the canonical CSV that generate_registry writes (codes, ISO dates,
true/false), not for every spelling the hoptac reader accepts.

    python3 scripts/compare_duckdb.py            # 1,000,000 organisations
    python3 scripts/compare_duckdb.py --quick    # 100,000
    python3 scripts/compare_duckdb.py --rows 250000 --runs 7

Needs cargo and python3's `duckdb` package (installed with pip when missing,
unless --no-install). Bad arguments or a missing tool: exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_KEY = "nghe-an-363-2023"
PLAN_FILE = ROOT / "src" / "catalog" / f"{PLAN_KEY}.json"
SIGNIFICANT_DIGITS = 10

# The measure of every target of the plan, as in src/catalog/nghe-an-363-2023.json,
# and the SQL expression computing it over `p`, the active population. If the
# plan's JSON changes, the script refuses to compare until the SQL is updated.
GOOD_FAIR = "rated AND rating IN ('good', 'fair')"
TARGETS: list[tuple[str, dict, str]] = []


def _count(where: str) -> str:
    return f"count(*) FILTER (WHERE {where})"


def _sum(field: str, where: str) -> str:
    # A sum over organisations none of which reports the field is no data;
    # over no organisation it is 0 (src/engine/finalize.rs).
    return (
        f"CASE WHEN {_count(where)} > 0 AND count({field}) FILTER (WHERE {where}) = 0 "
        f"THEN NULL ELSE coalesce(sum({field}) FILTER (WHERE {where}), 0) END"
    )


def _share(numerator: str, denominator: str) -> str:
    den = _count(denominator)
    num = _count(f"({denominator}) AND ({numerator})")
    return f"CASE WHEN {den} = 0 THEN NULL ELSE 100.0 * {num} / {den} END"


def _target(target_id: str, measure: dict, sql: str) -> None:
    TARGETS.append((target_id, measure, sql))


def _kind(*kinds: str) -> dict:
    return {"kind": "org_kind", "is": list(kinds)}


def _flag(flag: str) -> dict:
    return {"kind": "flag", "flag": flag}


_RATED_GOOD_FAIR = {
    "kind": "all",
    "of": [{"kind": "rated"}, {"kind": "rating", "is": ["good", "fair"]}],
}
# The count of each kind, and the sum of its members (member cooperatives
# for the unions).
for _kind_code, _field in (("tht", "members"), ("htx", "members"), ("lhhtx", "member_coops")):
    _target(
        f"na2030.{_kind_code}.count",
        {"kind": "count", "filter": _kind(_kind_code)},
        _count(f"kind = '{_kind_code}'"),
    )
    _target(
        f"na2030.{_kind_code}.{_field}",
        {"kind": "sum", "field": {"kind": _field}, "filter": _kind(_kind_code)},
        _sum(_field, f"kind = '{_kind_code}'"),
    )
for _id in ("na2030.good_fair.share", "na2045.effective.share"):
    _target(
        _id,
        {
            "kind": "share",
            "numerator": {"kind": "rating", "is": ["good", "fair"]},
            "denominator": {"kind": "rated"},
        },
        _share("rating IN ('good', 'fair')", "rated"),
    )
for _id in ("na2030.good_fair_value_chain.share", "na2045.effective_linked.share"):
    _target(
        _id,
        {"kind": "share", "numerator": _flag("value_chain"), "denominator": _RATED_GOOD_FAIR},
        _share("value_chain", GOOD_FAIR),
    )
_target(
    "na2030.htx.high_tech.count",
    {
        "kind": "count",
        "filter": {
            "kind": "all",
            "of": [_kind("htx"), {"kind": "sector", "is": ["agriculture"]}, _flag("high_tech")],
        },
    },
    _count("kind = 'htx' AND sector = 'agriculture' AND high_tech"),
)
_target(
    "na2045.population.share",
    {
        "kind": "against",
        "base": {
            "kind": "sum",
            "field": {"kind": "members"},
            "filter": {"kind": "everything"},
        },
        "figure": "population",
        "scale": {"kind": "percent"},
    },
    # The figure is positive (checked in main): base no data gives no data.
    f"100.0 * ({_sum('members', 'true')}) / $population",
)
_target(
    "na2045.advanced_tech.share",
    {
        "kind": "share",
        "numerator": {"kind": "any", "of": [_flag("high_tech"), _flag("digital")]},
        "denominator": {"kind": "everything"},
    },
    _share("high_tech OR digital", "true"),
)
_target(
    "na2045.female_director.share",
    {"kind": "share", "numerator": _flag("female_director"), "denominator": _kind("htx", "lhhtx")},
    _share("female_director", "kind IN ('htx', 'lhhtx')"),
)

# The columns the query reads and their types; the others are read as text.
COLUMN_TYPES = {
    "kind": "VARCHAR",
    "sector": "VARCHAR",
    "status": "VARCHAR",
    "established": "DATE",
    "dissolved": "DATE",
    "members": "BIGINT",
    "member_coops": "BIGINT",
    "rating": "VARCHAR",
    "value_chain": "BOOLEAN",
    "high_tech": "BOOLEAN",
    "digital": "BOOLEAN",
    "female_director": "BOOLEAN",
}
FLAGS = ("value_chain", "high_tech", "digital", "female_director")


def query(csv_path: Path, header: list[str]) -> str:
    """The one query: read the CSV, keep the active population, every target."""
    missing = [c for c in COLUMN_TYPES if c not in header]
    if missing:
        fail(2, f"{csv_path}: the header lacks the columns {', '.join(missing)}")
    types = ", ".join(
        f"'{c}': '{COLUMN_TYPES.get(c, 'VARCHAR')}'" for c in header
    )
    # An empty flag field is false, as the hoptac reader reads it.
    flags = ", ".join(f"coalesce({f}, false) AS {f}" for f in FLAGS)
    path = str(csv_path).replace("'", "''")
    targets = ",\n  ".join(f'{sql} AS "{tid}"' for tid, _, sql in TARGETS)
    return f"""
WITH r AS (
  SELECT * FROM read_csv('{path}', header = true, delim = ',', quote = '"',
                         escape = '"', auto_detect = false, columns = {{{types}}})
),
p AS (
  SELECT kind, sector, members, member_coops, rating, {flags},
         kind <> 'tht' AND rating IS NOT NULL AS rated
  FROM r
  WHERE status = 'active' AND established <= $as_of
    AND (dissolved IS NULL OR dissolved > $as_of)
)
SELECT
  {targets}
FROM p
"""


def fail(code: int, message: str) -> None:
    print(f"compare_duckdb: {message}", file=sys.stderr)
    sys.exit(code)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, check=True, **kwargs)
    except FileNotFoundError:
        fail(2, f"`{cmd[0]}` not found")
    except subprocess.CalledProcessError as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else ""
        fail(2, f"`{' '.join(cmd)}` exited with {e.returncode}\n{err}")
    raise AssertionError("unreachable")


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except FileNotFoundError:
        with open("/proc/loadavg") as f:
            return "load average: " + f.read().strip()


def import_duckdb(install: bool):
    try:
        import duckdb  # noqa: PLC0415
    except ImportError:
        if not install:
            fail(2, "python3's duckdb package is missing: `python3 -m pip install duckdb`")
        print("installing duckdb with pip (python3 -m pip install duckdb) ...", flush=True)
        r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"])
        if r.returncode != 0:
            fail(2, "`python3 -m pip install duckdb` failed: install it by hand")
        import duckdb  # noqa: PLC0415
    return duckdb


def significant(value) -> Decimal | None:
    """`value` (a decimal string, an int or a float) rounded to 10 significant digits."""
    if value is None:
        return None
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    if d == 0:
        return Decimal(0)
    exp = d.adjusted() - SIGNIFICANT_DIGITS + 1
    return d.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_EVEN).normalize()


def check_plan() -> None:
    """The plan's targets and measures are the ones the SQL was written for."""
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    in_plan = {t["id"]: t["measure"] for t in plan["targets"]}
    in_sql = {tid: m for tid, m, _ in TARGETS}
    if in_plan.keys() != in_sql.keys():
        fail(
            1,
            f"{PLAN_FILE.name}: targets without SQL: {sorted(in_plan.keys() - in_sql.keys())}; "
            f"SQL without target: {sorted(in_sql.keys() - in_plan.keys())}",
        )
    for tid, measure in in_sql.items():
        if in_plan[tid] != measure:
            fail(
                1,
                f"{PLAN_FILE.name}: target {tid} measures {json.dumps(in_plan[tid])}, "
                f"the SQL was written for {json.dumps(measure)}: update the SQL",
            )


def timed(label: str, runs: int, fn) -> tuple[float, list[float], object]:
    """One untimed warm-up, then `runs` timed calls; the median in seconds."""
    result = fn()
    times = []
    for i in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        print(f"  {label} run {i + 1}/{runs}: {times[-1]:.3f} s", flush=True)
    return statistics.median(times), times, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="organisations (default 1,000,000)")
    ap.add_argument("--quick", action="store_true", help="100,000 organisations")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each side (default 5)")
    ap.add_argument("--seed", type=int, default=42, help="the generator's seed (default 42)")
    ap.add_argument("--as-of", default="2025-12-31", help="the snapshot's date (default 2025-12-31)")
    ap.add_argument(
        "--population", default="3442000", help="the population figure (default 3442000)"
    )
    ap.add_argument(
        "--dir",
        type=Path,
        default=ROOT / "target" / "compare_duckdb",
        help="where the CSV is written (default target/compare_duckdb)",
    )
    ap.add_argument("--duckdb-threads", type=int, help="DuckDB's threads (default: all cores)")
    ap.add_argument("--no-install", action="store_true", help="do not pip install duckdb")
    args = ap.parse_args()
    rows = 100_000 if args.quick else args.rows
    if rows < 1 or args.runs < 1:
        fail(2, "--rows and --runs must be at least 1")
    try:
        population = Decimal(args.population)
    except ArithmeticError:
        fail(2, f"--population `{args.population}` is not a number")
    if not population.is_finite() or population <= 0:
        fail(2, f"--population `{args.population}` must be positive")

    check_plan()
    duckdb = import_duckdb(not args.no_install)
    print(f"machine: {os.cpu_count()} cores; {uptime()}")

    print("building the release examples ...", flush=True)
    run(
        ["cargo", "build", "--release", "--quiet", "--example", "generate_registry",
         "--example", "plan_check"],
        cwd=ROOT,
    )
    examples = ROOT / "target" / "release" / "examples"

    args.dir.mkdir(parents=True, exist_ok=True)
    csv_path = args.dir / f"registry-{rows}-{args.seed}-{args.as_of}.csv"
    print(f"generating {rows:,} organisations into {csv_path} ...", flush=True)
    run(
        [str(examples / "generate_registry"), "--rows", str(rows), "--seed", str(args.seed),
         "--as-of", args.as_of, "--output", str(csv_path)],
        stderr=subprocess.PIPE,
    )
    size_mb = csv_path.stat().st_size / 1e6
    with csv_path.open(encoding="utf-8") as f:
        header = f.readline().rstrip("\r\n").split(",")

    plan_cmd = [
        str(examples / "plan_check"), "--plan", PLAN_KEY, "--registry", str(csv_path),
        "--as-of", args.as_of, "--figure", f"population={population}", "--format", "json",
        "--lang", "en",
    ]
    print(f"plan_check: {' '.join(plan_cmd)}")
    ours_median, ours_times, ours_out = timed(
        "plan_check", args.runs,
        lambda: run(plan_cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout,
    )
    report = json.loads(ours_out)
    ours = {t["id"]: t.get("actual") for t in report["targets"]}

    sql = query(csv_path, header)
    params = {"as_of": args.as_of, "population": float(population)}
    # $as_of compares with DATE columns: cast once, in the parameters.
    sql = sql.replace("$as_of", "CAST($as_of AS DATE)")

    def duck():
        con = duckdb.connect(":memory:")
        if args.duckdb_threads:
            con.execute(f"SET threads = {int(args.duckdb_threads)}")
        cur = con.execute(sql, params)
        names = [d[0] for d in cur.description]
        values = cur.fetchone()
        con.close()
        return dict(zip(names, values))

    threads = duckdb.connect(":memory:").execute("SELECT current_setting('threads')").fetchone()[0]
    print(f"duckdb {duckdb.__version__}, {args.duckdb_threads or threads} threads")
    duck_median, duck_times, theirs = timed("duckdb", args.runs, duck)

    # The same values, or nothing is compared.
    bad = []
    for tid, _, _ in TARGETS:
        a, b = significant(ours.get(tid)), significant(theirs.get(tid))
        if a != b:
            bad.append(f"  {tid}: plan_check {ours.get(tid)!r}, duckdb {theirs.get(tid)!r}")
    if ours.keys() != {tid for tid, _, _ in TARGETS}:
        bad.append(f"  plan_check reported the targets {sorted(ours)}")
    if bad:
        fail(1, "DuckDB and plan_check disagree, the times are not comparable:\n" + "\n".join(bad))
    print(f"all {len(TARGETS)} targets agree to {SIGNIFICANT_DIGITS} significant digits:")
    for tid, _, _ in TARGETS:
        print(f"  {tid:38} {ours[tid]}")

    print()
    print(f"registry: {rows:,} organisations, {size_mb:.0f} MB; {args.runs} runs each, medians")
    print(f"plan_check (CSV to JSON report, one process): {ours_median:.3f} s "
          f"(runs {', '.join(f'{t:.3f}' for t in ours_times)})")
    print(f"duckdb (CSV to the same targets, one query):  {duck_median:.3f} s "
          f"(runs {', '.join(f'{t:.3f}' for t in duck_times)})")
    print(f"ratio plan_check / duckdb: {ours_median / duck_median:.2f}")
    print(f"after: {uptime()}")


if __name__ == "__main__":
    main()
