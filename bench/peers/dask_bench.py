"""Dask side of the benchmark, with the same command-line contract as the
other peers (see task_runner.mjs):

    python3 dask_bench.py CSV THREADS REPEAT TASK[,TASK...]

Dask runs on its threaded scheduler with THREADS workers, on pandas
partitions read from the CSV (Debian's Dask cannot read Parquet here, so the
Parquet tasks are reported as skipped). As in the H2O.ai benchmark, a table
is read and persisted in memory once, untimed; a timed run is the query
followed by compute(), which gathers the answer into one pandas frame.
The task list, data paths, timing and checksums come from pandas_bench.py.
"""
import json
import os
import re
import resource
import sys
import warnings

import dask
import dask.dataframe as dd
import pandas as pd

from pandas_bench import (
    CSV_CHECKSUM_COLUMNS, JOIN_TASKS, PARQUET_TASKS, SORT_TASKS, column_sums, join_paths, parse_arguments,
    sort_checksum, time_repeated,
)


def emit_record(record):
    print(json.dumps({"engine": "dask", "version": dask.__version__, **record}), flush=True)


def emit(task, threads, first, best, rows, checksum):
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    emit_record({"task": task, "threads": threads, "first_s": round(first, 6), "best_s": round(best, 6),
                 "rows": int(rows), "checksum": checksum, "peak_rss_mb": round(peak_rss_mb, 1)})


def has_nulls(csv):
    """Whether the data set was written with nulls (G1_<rows>_<groups>_<nulls>_<sorted>.csv)."""
    match = re.match(r"^[GJ]1_[0-9e]+_[0-9eNA]+_(\d+)_[01]\.csv$", os.path.basename(csv))
    return match is not None and int(match.group(1)) > 0


def read(csv):
    """The CSV as a Dask frame. Dask infers column types from the first block
    only; integer columns with nulls further on would then fail, so with
    nulls every numeric column is read as float64, as pandas reads them."""
    header = pd.read_csv(csv, nrows=1000)
    dtypes = {}
    for name, dtype in header.dtypes.items():
        if pd.api.types.is_numeric_dtype(dtype):
            dtypes[name] = "float64" if has_nulls(csv) else dtype
        else:
            dtypes[name] = "object"
    return dd.read_csv(csv, dtype=dtypes)


def group(frame, keys):
    return frame.groupby(keys, sort=False, dropna=False)


def r2(frame):
    # Pearson correlation over the rows where both values are present.
    return pd.Series({"r2": frame["v1"].corr(frame["v2"]) ** 2})


def top2(frame):
    return frame.nlargest(2, columns="largest2_v3")


# The H2O group-by questions: the query (a Dask frame) and the result columns
# whose sums make the checksum. Questions 6, 8 and 9 have no built-in Dask
# aggregation; they shuffle the rows by group and run pandas per group, as
# the H2O.ai Dask scripts do.
GROUPBY = {
    "groupby_sum_id1": (lambda x: group(x, ["id1"]).agg({"v1": "sum"}), ["v1"]),
    "groupby_sum_id1_id2": (lambda x: group(x, ["id1", "id2"]).agg({"v1": "sum"}), ["v1"]),
    "groupby_sum_mean_id3": (lambda x: group(x, ["id3"]).agg({"v1": "sum", "v3": "mean"}), ["v1", "v3"]),
    "groupby_mean_id4": (lambda x: group(x, ["id4"]).agg({"v1": "mean", "v2": "mean", "v3": "mean"}),
                         ["v1", "v2", "v3"]),
    "groupby_sum_id6": (lambda x: group(x, ["id6"]).agg({"v1": "sum", "v2": "sum", "v3": "sum"}), ["v1", "v2", "v3"]),
    "groupby_median_sd_id4_id5": (
        lambda x: group(x[["id4", "id5", "v3"]], ["id4", "id5"]).apply(
            lambda g: pd.Series({"median_v3": g["v3"].median(), "sd_v3": g["v3"].std()}),
            meta={"median_v3": "float64", "sd_v3": "float64"}),
        ["median_v3", "sd_v3"]),
    "groupby_range_id3": (
        lambda x: group(x, ["id3"]).agg({"v1": "max", "v2": "min"}).assign(range_v1_v2=lambda d: d["v1"] - d["v2"]),
        ["range_v1_v2"]),
    "groupby_top2_id6": (
        lambda x: x[["id6", "v3"]].dropna(subset=["v3"]).rename(columns={"v3": "largest2_v3"})
        .groupby("id6", dropna=False).apply(top2, meta={"id6": x["id6"].dtype, "largest2_v3": "float64"}),
        ["largest2_v3"]),
    "groupby_r2_id2_id4": (
        lambda x: group(x[["id2", "id4", "v1", "v2"]], ["id2", "id4"]).apply(r2, meta={"r2": "float64"}), ["r2"]),
    "groupby_sum_count_all": (
        lambda x: group(x, ["id1", "id2", "id3", "id4", "id5", "id6"]).agg({"v3": "sum", "v1": "count"})
        .rename(columns={"v1": "count"}),
        ["v3", "count"]),
}


def main():
    csv, threads, repeat, tasks = parse_arguments(sys.argv[1:])
    # A group of one row has no correlation; NumPy warns for every such group.
    warnings.simplefilter("ignore", RuntimeWarning)
    dask.config.set(scheduler="threads", num_workers=threads)
    join_x_path, join_right_paths = join_paths(csv)
    table = None
    join_x = None

    def compute(frame):
        return frame.compute()

    for task in tasks:
        if task in PARQUET_TASKS:
            emit_record({"task": task, "skipped": "no Parquet engine (pyarrow) for Debian's Dask"})
            continue
        if task == "csv_read":
            first, best, loaded = time_repeated(repeat, lambda: read(csv).persist())
            table = loaded
            emit(task, threads, first, best, len(loaded), column_sums(compute(loaded), CSV_CHECKSUM_COLUMNS))
            continue
        if task in JOIN_TASKS:
            right_name, on, how = JOIN_TASKS[task]
            if join_x is None:
                join_x = read(join_x_path).persist()
            right = read(join_right_paths[right_name]).persist()
            first, best, result = time_repeated(
                repeat, lambda: compute(join_x.merge(right, on=on, how=how, suffixes=("", "_right"))))
            emit(task, threads, first, best, len(result), column_sums(result, ["v1", "v2"]))
            continue
        if table is None:
            table = read(csv).persist()
        if task in SORT_TASKS:
            key = SORT_TASKS[task]
            first, best, result = time_repeated(repeat, lambda: compute(table.sort_values(key, na_position="last")))
            emit(task, threads, first, best, len(result), sort_checksum(result, key))
            continue
        query, columns = GROUPBY[task]
        first, best, result = time_repeated(repeat, lambda: compute(query(table)))
        emit(task, threads, first, best, len(result), column_sums(result, columns))


if __name__ == "__main__":
    main()
