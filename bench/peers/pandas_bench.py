"""pandas side of the benchmark, with the same command-line contract as the
Node peers (see task_runner.mjs):

    python3 pandas_bench.py CSV THREADS REPEAT TASK[,TASK...]

pandas runs these operations on one thread whatever THREADS says; the value
is only echoed so that result lines look alike. Group-by calls use the
options of the H2O.ai benchmark (no sorting, null keys kept as a group).
"""
import gc
import json
import resource
import sys
import time

import pandas as pd

# The H2O.ai db-benchmark group-by questions 1-5 (keep in step with
# task_runner.mjs): key columns and [column, function] aggregations.
GROUPBY_TASKS = {
    "groupby_sum_id1": (["id1"], [("v1", "sum")]),
    "groupby_sum_id1_id2": (["id1", "id2"], [("v1", "sum")]),
    "groupby_sum_mean_id3": (["id3"], [("v1", "sum"), ("v3", "mean")]),
    "groupby_mean_id4": (["id4"], [("v1", "mean"), ("v2", "mean"), ("v3", "mean")]),
    "groupby_sum_id6": (["id6"], [("v1", "sum"), ("v2", "sum"), ("v3", "sum")]),
}
CSV_CHECKSUM_COLUMNS = ["id4", "id5", "id6", "v1", "v2", "v3"]
ALL_TASKS = ["csv_read", *GROUPBY_TASKS]


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


def main():
    csv, threads, repeat, tasks = parse_arguments(sys.argv[1:])
    table = None
    for task in tasks:
        if task == "csv_read":
            first, best, table = time_repeated(repeat, lambda: pd.read_csv(csv))
            emit(task, threads, first, best, len(table), column_sums(table, CSV_CHECKSUM_COLUMNS))
            continue
        if table is None:
            table = pd.read_csv(csv)
        keys, aggregations = GROUPBY_TASKS[task]
        spec = {column: function for column, function in aggregations}

        def aggregate():
            return table.groupby(keys, as_index=False, sort=False, dropna=False).agg(spec)

        first, best, result = time_repeated(repeat, aggregate)
        emit(task, threads, first, best, len(result), column_sums(result, list(spec)))


if __name__ == "__main__":
    main()
