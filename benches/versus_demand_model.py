#!/usr/bin/env python3
"""righthome's backtest beside the open Children's Social Care Demand Model (Data to Insight,
PyPI `cs-demand-model`), on the same cut of the bundled synthetic SSDA903 return.

Both forecast the children in care on AT from AT minus WEEKS weeks, with rates estimated over the
two years before the start, and neither sees a table from after the start: the Data to Insight
model is given only the collection years that ended by then (its rates come from transitions
between START and END), righthome only what the return knew on the start day (`backtest`). The
actual stock on AT is righthome's `population --at AT` on the whole return.

Prints each model's mean absolute percentage error over the category totals (fostering,
residential, supported, other) and righthome's interval coverage. Run from the repository root:

    python3 benches/versus_demand_model.py [--at 2025-03-31] [--weeks 52] [--venv DIR]

It makes a virtual environment (default /tmp/righthome-d2i-venv) and installs cs-demand-model
0.5.1 from PyPI into it the first time; it runs `cargo run --release` for righthome.
"""
import argparse
import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile

RETURN = "data/lancashire/ssda903"
CATEGORIES = ["fostering", "residential", "supported", "other"]


def venv_python(venv):
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    probe = subprocess.run([python, "-c", "import cs_demand_model"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", "cs-demand-model==0.5.1"], check=True)
    return python


def righthome(*args):
    run = subprocess.run(
        ["cargo", "run", "--release", "-q", "--", *args], capture_output=True, text=True
    )
    if run.returncode != 0:
        sys.exit(f"righthome {' '.join(args)} failed:\n{run.stderr}")
    return run.stdout


D2I = r"""
import sys, datetime as dt
from cs_demand_model import Config, DemandModellingDataContainer, PopulationStats, ModelPredictor, fs_datastore
source, start, end, at = sys.argv[1], *[dt.date.fromisoformat(x) for x in sys.argv[2:5]]
config = Config()
dc = DemandModellingDataContainer(fs_datastore(source), config)
stats = PopulationStats(dc.enriched_view, config)
predictor = ModelPredictor.from_model(stats, start, end)
predicted = predictor.predict((at - end).days)
last = predicted.iloc[-1]
totals = {}
for (age, category), value in last.items():
    totals[category] = totals.get(category, 0.0) + float(value)
for category, value in sorted(totals.items()):
    print(f"{category},{value}")
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--at", default="2025-03-31")
    p.add_argument("--weeks", type=int, default=52)
    p.add_argument("--venv", default="/tmp/righthome-d2i-venv")
    a = p.parse_args()
    at = dt.date.fromisoformat(a.at)
    start = at - dt.timedelta(weeks=a.weeks)
    window_start = start - dt.timedelta(weeks=104)
    python = venv_python(a.venv)

    # The actual stock on AT, from the whole return.
    actual = {c: 0 for c in CATEGORIES}
    for row in csv.DictReader(io.StringIO(righthome("population", "--ssda903", RETURN, "--at", a.at, "--format", "csv"))):
        actual[row["category"]] += 1

    # righthome's backtest.
    with tempfile.TemporaryDirectory() as out:
        table = righthome("backtest", "--ssda903", RETURN, "--at", a.at, "--weeks", str(a.weeks), "--out", os.path.join(out, "bt"))
        with open(os.path.join(out, "bt", "backtest.csv")) as f:
            rows = list(csv.DictReader(f))
    ours = {r["category"]: float(r["mean"]) for r in rows if r["age_band"] == "all" and r["category"] in CATEGORIES}
    coverage_line = [l for l in table.splitlines() if "90% interval" in l][0]

    # The Data to Insight model, on the collection years that ended by the start.
    with tempfile.TemporaryDirectory() as cut:
        for name in sorted(os.listdir(RETURN)):
            if not name.endswith(".csv"):
                continue
            year_end = dt.date(int(name[:4]) + 1, 3, 31)
            if year_end < start:
                shutil.copy(os.path.join(RETURN, name), cut)
        run = subprocess.run(
            [python, "-c", D2I, cut, window_start.isoformat(), start.isoformat(), a.at],
            capture_output=True, text=True,
        )
        if run.returncode != 0:
            sys.exit(f"cs-demand-model failed:\n{run.stderr[-2000:]}")
    theirs = {}
    for line in run.stdout.splitlines():
        category, value = line.split(",")
        theirs[category.lower()] = float(value)

    def mape(pred):
        cats = [c for c in CATEGORIES if actual[c] > 0]
        return 100 * sum(abs(pred.get(c, 0.0) - actual[c]) / actual[c] for c in cats) / len(cats)

    print(f"Backtest on the bundled return: forecast from {start} (rates from {window_start}) to {a.at}")
    print(f"{'category':<12}{'actual':>8}{'righthome':>11}{'d2i model':>11}")
    for c in CATEGORIES:
        print(f"{c:<12}{actual[c]:>8}{ours.get(c, 0):>11.1f}{theirs.get(c, 0):>11.1f}")
    print(f"MAPE over category totals: righthome {mape(ours):.1f}%, Data to Insight model {mape(theirs):.1f}%")
    print(f"righthome: {coverage_line.split('. ')[-1].strip()}")


if __name__ == "__main__":
    main()
