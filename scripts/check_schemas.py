#!/usr/bin/env python3
"""Checks schema/*.schema.json with an independent validator.

Run from anywhere, with Python 3 and the `jsonschema` package
(`pip install jsonschema`), giving one or more report files written by
`plan_check --format json`:

    cargo run --quiet --example plan_check -- --format json > /tmp/report.json
    python3 scripts/check_schemas.py /tmp/report.json

It checks that each schema is a valid draft 2020-12 schema; that every
bundled plan (src/catalog/*.json) passes the plan schema, the bundled inputs
(examples/data/nghe-an/inputs.json) the inputs schema and each report given
the report schema; and that a bundled plan with one unknown field added, at
the top level or inside a target, is refused. It prints what it checked and
exits with 1 on any failure, 2 when it cannot run.
"""

import copy
import json
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("check_schemas.py needs the jsonschema package: pip install jsonschema")

ROOT = Path(__file__).resolve().parent.parent


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(name):
    schema = load(ROOT / "schema" / f"{name}.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def main(reports):
    if not reports:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failures = []

    def accepts(v, doc, what):
        errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            for e in errors[:5]:
                path = "/".join(str(p) for p in e.absolute_path) or "(root)"
                print(f"FAIL  {what}: at {path}: {e.message[:300]}")
            failures.append(what)
        else:
            print(f"ok    {what}: valid")

    def refuses(v, doc, what):
        errors = list(v.iter_errors(doc))
        if not errors:
            print(f"FAIL  {what}: accepted, expected refused")
            failures.append(what)
        else:
            print(f"ok    {what}: refused ({errors[0].message[:120]})")

    plan, inputs, report = validator("plan"), validator("inputs"), validator("report")
    print("ok    schema/{plan,inputs,report}.schema.json: valid draft 2020-12 schemas")

    catalog = sorted((ROOT / "src" / "catalog").glob("*.json"))
    if not catalog:
        print("FAIL  no bundled plans in src/catalog")
        failures.append("catalog")
    for path in catalog:
        accepts(plan, load(path), f"plan {path.relative_to(ROOT)}")

    inputs_path = ROOT / "examples" / "data" / "nghe-an" / "inputs.json"
    accepts(inputs, load(inputs_path), f"inputs {inputs_path.relative_to(ROOT)}")

    for path in reports:
        doc = load(path)
        accepts(report, doc, f"report {path} ({len(doc.get('targets', []))} targets)")

    with_targets = [p for p in catalog if load(p).get("targets")]
    if with_targets:
        path = with_targets[0]
        base, name = load(path), path.name
        top = copy.deepcopy(base)
        top["unknown_field"] = True
        refuses(plan, top, f"plan {name} with an unknown top-level field")
        inner = copy.deepcopy(base)
        inner["targets"][0]["unknown_field"] = True
        refuses(plan, inner, f"plan {name} with an unknown field in targets[0]")
    else:
        print("FAIL  no bundled plan has targets to add a field to")
        failures.append("targets")
    bad_date = load(inputs_path)
    bad_date["as_of"] = "31/12/2025"
    refuses(inputs, bad_date, "inputs with as_of written 31/12/2025")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all schema checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main([Path(p) for p in sys.argv[1:]]))
