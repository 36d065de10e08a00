-- Each case: a line "-- case: NAME", then one DuckDB query over the tables
-- people and depts (loaded from the CSV files beside this one). The
-- expected/NAME.csv files are DuckDB's answers; tests/io/crosscheck_test.cpp
-- runs the same operation with Strata and compares. Regenerate or check
-- with: node scripts/crosscheck.mjs [--check]
-- Where Strata's documented semantics differ from DuckDB's defaults
-- (docs/semantics.md), the SQL spells out Strata's semantics.

-- case: filter_project
SELECT id, name, salary * 2 AS double_salary FROM people WHERE salary > 50000 ORDER BY id;

-- case: groupby_aggregates
SELECT dept, sum(salary) AS total, avg(salary) AS mean, min(salary) AS low, max(salary) AS high,
       count(salary) AS n, count(*) AS rows, median(salary) AS med, stddev_samp(salary) AS sd,
       var_samp(salary) AS var, quantile_cont(salary, 0.25) AS q25
FROM people GROUP BY dept ORDER BY dept NULLS LAST;

-- case: groupby_two_keys_nunique
SELECT dept, salary, count(*) AS rows,
       count(DISTINCT bonus) + max(CASE WHEN bonus IS NULL THEN 1 ELSE 0 END) AS bonus_n_unique,
       first(name ORDER BY id) AS first_name, last(name ORDER BY id) AS last_name
FROM people GROUP BY dept, salary ORDER BY dept NULLS LAST, salary NULLS LAST;

-- case: sort_multi_key
SELECT id, dept, salary FROM people ORDER BY dept DESC NULLS LAST, salary ASC NULLS LAST, id;

-- case: join_inner
SELECT p.id, p.name, p.dept, d.floor FROM people p JOIN depts d ON p.dept = d.dept ORDER BY p.id;

-- case: join_left
SELECT p.id, p.dept, d.floor, d.head FROM people p LEFT JOIN depts d ON p.dept = d.dept ORDER BY p.id;

-- case: join_full
SELECT coalesce(p.dept, d.dept) AS dept, p.id, d.floor FROM people p FULL JOIN depts d ON p.dept = d.dept
ORDER BY p.id NULLS LAST, d.floor;

-- case: join_semi_anti
SELECT id, 'semi' AS kind FROM people p WHERE EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept)
UNION ALL
SELECT id, 'anti' AS kind FROM people p WHERE NOT EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept)
ORDER BY kind DESC, id;

-- case: integer_division_python_semantics
SELECT id, a, b, floor(a / b)::BIGINT AS floordiv, (((a % b) + b) % b) AS modulo, a / b AS truediv
FROM people ORDER BY id;

-- case: string_functions
SELECT id, upper(name) AS upper, lower(name) AS lower, length(name) AS len, name LIKE '%a%' AS has_a,
       starts_with(name, 'E') AS starts_e, replace(name, 'a', 'A') AS replaced, substring(name, 2, 3) AS middle,
       regexp_matches(name, '^[A-F]') AS regex_a_to_f
FROM people ORDER BY id;

-- case: date_functions
SELECT id, year(hired) AS year, month(hired) AS month, day(hired) AS day, isodow(hired) AS weekday,
       date_trunc('month', hired)::DATE AS month_start, (hired + INTERVAL 30 DAY)::DATE AS plus_30
FROM people ORDER BY id;

-- case: conditional_and_membership
SELECT id,
       CASE WHEN salary >= 60000 THEN 'high' WHEN salary >= 45000 THEN 'mid' ELSE 'low' END AS band,
       dept IN ('eng', 'ops') AS in_eng_ops, salary BETWEEN 48000 AND 57500 AS mid_range,
       coalesce(bonus, 0) AS bonus_filled, rating IS NULL AS no_rating
FROM people ORDER BY id;

-- case: unique_depts
SELECT DISTINCT dept FROM people ORDER BY dept NULLS LAST;

-- case: math_functions
SELECT id, abs(a) AS abs_a, round(rating) AS rounded, floor(rating) AS floored, ceil(rating) AS ceiled,
       sqrt(salary) AS root, ln(salary) AS log, pow(b, 2) AS squared
FROM people ORDER BY id;
