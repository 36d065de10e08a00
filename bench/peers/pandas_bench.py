"""pandas side of the benchmark, with the same command-line contract as the
Node peers (see task_runner.mjs):

    python3 pandas_bench.py CSV THREADS REPEAT TASK[,TASK...]

pandas runs these operations on one thread whatever THREADS says; the value
is only echoed so that result lines look alike. Group-by calls use the
options of the H2O.ai benchmark (no sorting, null keys kept as a group).
Parquet tasks are reported as skipped: Debian's pandas has no Parquet engine.
"""
import gc
import json
import os
import re
import resource
import sys
import time

import pandas as pd

GROUPBY_TASKS = [
    "groupby_sum_id1", "groupby_sum_id1_id2", "groupby_sum_mean_id3", "groupby_mean_id4", "groupby_sum_id6",
    "groupby_median_sd_id4_id5", "groupby_range_id3", "groupby_top2_id6", "groupby_r2_id2_id4",
    "groupby_sum_count_all",
]
# Join questions: right table, key, join type (keep in step with task_runner.mjs).
JOIN_TASKS = {
    "join_small_inner": ("small", "id1", "inner"),
    "join_medium_inner": ("medium", "id2", "inner"),
    "join_medium_left": ("medium", "id2", "left"),
    "join_medium_inner_str": ("medium", "id5", "inner"),
    "join_big_inner": ("big", "id3", "inner"),
}
SORT_TASKS = {"sort_int": "id6", "sort_float": "v3", "sort_str": "id3"}
PARQUET_TASKS = ["parquet_write", "parquet_read", "parquet_filter_glob"]
CSV_CHECKSUM_COLUMNS = ["id4", "id5", "id6", "v1", "v2", "v3"]
ALL_TASKS = ["csv_read", *GROUPBY_TASKS, *JOIN_TASKS, *SORT_TASKS, *PARQUET_TASKS]


def usage(problem):
    sys.stderr.write(
        f"{problem}\nusage: python3 pandas_bench.py CSV THREADS REPEAT TASK[,TASK...]\n"
        f"tasks: {', '.join(ALL_TASKS)}\n"
    )
    sys.exit(2)


def parse_arguments(argv):
    if len(argv) != 4:
        usage(f"expected 4 arguments, got {len(argv)}")
    csv, threads_text, repeat_text, task_list = argv
    try:
        threads, repeat = int(threads_text), int(repeat_text)
    except ValueError:
        usage(f"THREADS and REPEAT must be integers, got '{threads_text}' and '{repeat_text}'")
    if threads < 1 or repeat < 1:
        usage("THREADS and REPEAT must be at least 1")
    tasks = [task for task in task_list.split(",") if task]
    for task in tasks:
        if task not in ALL_TASKS:
            usage(f"unknown task '{task}'")
    return csv, threads, repeat, tasks


def short_count(value):
    exponent = 0
    while value % 10 == 0 and value > 1:
        value //= 10
        exponent += 1
    return f"{value}e{exponent}" if exponent else str(value)


def join_paths(csv):
    """The join data sets next to the group-by CSV (see task_runner.mjs)."""
    match = re.match(r"^G1_([0-9e]+)_[0-9e]+_(\d+)_[01]\.csv$", os.path.basename(csv))
    if not match:
        raise ValueError(f"cannot derive the data set names from {csv}: expected G1_<rows>_<groups>_<nulls>_<0|1>.csv")
    rows_label, nulls = match.groups()
    rows = int(float(rows_label))
    directory = os.path.dirname(csv)
    name = lambda right: os.path.join(directory, f"J1_{rows_label}_{right}_{nulls}_0.csv")
    return name("NA"), {
        "small": name(short_count(max(10, rows // 1000000))),
        "medium": name(short_count(max(100, rows // 1000))),
        "big": name(rows_label),
    }


def time_repeated(repeat, run):
    """First and best wall time in seconds of `repeat` runs, and the last
    result; the previous result is freed before each run."""
    first, best, result = 0.0, float("inf"), None
    for i in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - start
        if i == 0:
            first = seconds
        best = min(best, seconds)
    return first, best, result


def column_sums(frame, columns):
    # Sums skip nulls; a column of only nulls adds 0.
    return float(sum(float(frame[column].sum()) for column in columns))


def emit(task, threads, first, best, rows, checksum):
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    record = {
        "engine": "pandas",
        "version": pd.__version__,
        "task": task,
        "threads": threads,
        "first_s": round(first, 6),
        "best_s": round(best, 6),
        "rows": int(rows),
        "checksum": checksum,
        "peak_rss_mb": round(peak_rss_mb, 1),
    }
    print(json.dumps(record), flush=True)


def group(frame, keys):
    return frame.groupby(keys, as_index=False, sort=False, dropna=False)


def r2(frame):
    # Pearson correlation over the rows where both values are present.
    return frame["v1"].corr(frame["v2"]) ** 2


# The H2O group-by questions: the query and the result columns whose sums make the checksum.
GROUPBY = {
    "groupby_sum_id1": (lambda x: group(x, ["id1"]).agg(v1=("v1", "sum")), ["v1"]),
    "groupby_sum_id1_id2": (lambda x: group(x, ["id1", "id2"]).agg(v1=("v1", "sum")), ["v1"]),
    "groupby_sum_mean_id3": (lambda x: group(x, ["id3"]).agg(v1=("v1", "sum"), v3=("v3", "mean")), ["v1", "v3"]),
    "groupby_mean_id4": (
        lambda x: group(x, ["id4"]).agg(v1=("v1", "mean"), v2=("v2", "mean"), v3=("v3", "mean")), ["v1", "v2", "v3"]),
    "groupby_sum_id6": (
        lambda x: group(x, ["id6"]).agg(v1=("v1", "sum"), v2=("v2", "sum"), v3=("v3", "sum")), ["v1", "v2", "v3"]),
    "groupby_median_sd_id4_id5": (
        lambda x: group(x, ["id4", "id5"]).agg(median_v3=("v3", "median"), sd_v3=("v3", "std")),
        ["median_v3", "sd_v3"]),
    "groupby_range_id3": (
        lambda x: group(x, ["id3"]).agg(v1=("v1", "max"), v2=("v2", "min")).assign(
            range_v1_v2=lambda d: d["v1"] - d["v2"]),
        ["range_v1_v2"]),
    "groupby_top2_id6": (
        lambda x: x[["id6", "v3"]].dropna(subset=["v3"]).sort_values("v3", ascending=False)
        .groupby("id6", sort=False, dropna=False).head(2).rename(columns={"v3": "largest2_v3"}),
        ["largest2_v3"]),
    "groupby_r2_id2_id4": (
        lambda x: group(x[["id2", "id4", "v1", "v2"]], ["id2", "id4"]).apply(r2).rename(columns={None: "r2"}),
        ["r2"]),
    "groupby_sum_count_all": (
        lambda x: group(x, ["id1", "id2", "id3", "id4", "id5", "id6"]).agg(v3=("v3", "sum"), count=("v1", "count")),
        ["v3", "count"]),
}


def sort_checksum(frame, key):
    """Sum of the sorted key at every step-th row (strings "id<digits>" by their number)."""
    values = frame[key].iloc[:: max(1, len(frame) // 1000)].dropna()
    if key == "id3":
        values = values.str.slice(2).astype("int64")
    return float(values.sum())


def main():
    csv, threads, repeat, tasks = parse_arguments(sys.argv[1:])
    join_x_path, join_right_paths = join_paths(csv)
    table = None
    join_x = None
    for task in tasks:
        if task == "csv_read":
            first, best, table = time_repeated(repeat, lambda: pd.read_csv(csv))
            emit(task, threads, first, best, len(table), column_sums(table, CSV_CHECKSUM_COLUMNS))
            continue
        if task in PARQUET_TASKS:
            print(json.dumps({"engine": "pandas", "version": pd.__version__, "task": task,
                              "skipped": "no Parquet engine (pyarrow) in Debian's pandas"}), flush=True)
            continue
        if task in JOIN_TASKS:
            right_name, on, how = JOIN_TASKS[task]
            if join_x is None:
                join_x = pd.read_csv(join_x_path)
            right = pd.read_csv(join_right_paths[right_name])
            first, best, result = time_repeated(
                repeat, lambda: join_x.merge(right, on=on, how=how, suffixes=("", "_right")))
            emit(task, threads, first, best, len(result), column_sums(result, ["v1", "v2"]))
            continue
        if table is None:
            table = pd.read_csv(csv)
        if task in SORT_TASKS:
            key = SORT_TASKS[task]
            first, best, result = time_repeated(
                repeat, lambda: table.sort_values(key, na_position="last", kind="stable").reset_index(drop=True))
            emit(task, threads, first, best, len(result), sort_checksum(result, key))
            continue
        query, columns = GROUPBY[task]
        first, best, result = time_repeated(repeat, lambda: query(table))
        emit(task, threads, first, best, len(result), column_sums(result, columns))


if __name__ == "__main__":
    main()
