#!/usr/bin/python3
"""The checks of bench/validate_bench.cpp, written in pandas the way a
pandera-style validation runs them: one boolean "fails" mask per
constraint, the number of failing rows and the first five row indices and
values, non-nullability of every column, and optionally the column
statistics (count, nulls, min, max, mean, distinct count).

Usage: validate_pandas.py --data FILE [--repeat 3]
Prints one JSON line per measurement, like validate_bench.
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

GROUPS = [f"id{i:03d}" for i in range(1, 100)]


def failing(mask, column):
    rows = np.flatnonzero(mask.to_numpy())
    first = rows[:5]
    return len(rows), first.tolist(), column.iloc[first].tolist()


def validate(df, statistics):
    out = {}
    for name in df.columns:
        out[f"{name}:nullable"] = failing(df[name].isna(), df[name])
    out["id1:matches"] = failing(~df["id1"].str.fullmatch(r"id0\d\d").fillna(True).astype(bool), df["id1"])
    out["id2:isin"] = failing(~df["id2"].isin(GROUPS) & df["id2"].notna(), df["id2"])
    out["id3:length"] = failing(~df["id3"].str.len().between(12, 12) & df["id3"].notna(), df["id3"])
    out["id4:range"] = failing(~df["id4"].between(1, 99) & df["id4"].notna(), df["id4"])
    out["id6:range"] = failing(~df["id6"].between(1, 99000) & df["id6"].notna(), df["id6"])
    out["v1:isin"] = failing(~df["v1"].isin([1, 2, 3, 4]) & df["v1"].notna(), df["v1"])
    out["v2:range"] = failing(~df["v2"].between(1, 14) & df["v2"].notna(), df["v2"])
    out["v3:range"] = failing(~((df["v3"] >= 0) & (df["v3"] < 99.5)) & df["v3"].notna(), df["v3"])
    total = df["id4"] + df["id5"]
    out["check:id4_plus_id5"] = failing(~(total <= 190) & total.notna(), total)
    keys = df[["id1", "id2", "id3"]]
    out["unique:id1_id2_id3"] = failing(keys.duplicated(keep="first") & keys.notna().all(axis=1), df["id1"])
    if statistics:
        for name in df.columns:
            column = df[name]
            numeric = pd.api.types.is_numeric_dtype(column)
            _ = (column.count(), column.isna().sum(), column.min(), column.max(),
                 column.mean() if numeric else None, column.nunique())
    return {name: result[0] for name, result in out.items() if result[0] > 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    df = pd.read_csv(args.data)  # the types a pandas user gets: object strings, int64, float64
    print(f"loaded {len(df)} rows in {time.perf_counter() - start:.2f} s", file=sys.stderr)
    for statistics in (False, True):
        for run in range(1, args.repeat + 1):
            start = time.perf_counter()
            failures = validate(df, statistics)
            seconds = time.perf_counter() - start
            print(json.dumps({"engine": "pandas", "task": "validate+stats" if statistics else "validate",
                              "seconds": seconds, "run": run, "rows": len(df), "threads": 1,
                              "failures": failures}), flush=True)


if __name__ == "__main__":
    main()
