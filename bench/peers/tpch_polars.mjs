// Polars (nodejs-polars, lazy API) side of the TPC-H benchmark: the 22
// queries over scanParquet of the tables, written as the Strata ones are
// (bench/tpch/strata_queries.cpp): semi/anti joins for EXISTS and NOT
// EXISTS, one-row aggregates joined for scalar subqueries.
//
//   node tpch_polars.mjs DATA_DIR THREADS REPEAT [q1,q2,...] [--answers DIR]
//
// Each run is a collect() of the lazy query; the last answer is written as
// DIR/<query>.csv. Output lines as tpch_bench's.
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { emitError, emitTiming, parseTpchArguments, timeRuns } from './tpch_runner.mjs';

const { dataDir, threads, repeat, queries, answersDir, scaleFactor } = parseTpchArguments(process.argv.slice(2));

// Polars sizes its pool from this variable when the library loads.
process.env.POLARS_MAX_THREADS = String(threads);
const { default: pl } = await import('nodejs-polars');
const version = createRequire(import.meta.url)('nodejs-polars/package.json').version;

const col = (name) => pl.col(name);
const lit = (value) => pl.lit(value);
const date = (year, month, day) => pl.lit(new Date(Date.UTC(year, month - 1, day))).cast(pl.Date);
const scan = (table) => pl.scanParquet(`${dataDir}/${table}/*.parquet`);
const join = (left, right, leftOn, rightOn, how = 'inner') => left.join(right, { leftOn, rightOn, how });
const revenue = () => col('l_extendedprice').mul(lit(1).sub(col('l_discount')));
const between = (expr, low, high) => expr.gtEq(low).and(expr.ltEq(high));

const QUERIES = {
  q1: () => scan('lineitem')
    .filter(col('l_shipdate').ltEq(date(1998, 9, 2)))
    .withColumns(revenue().alias('disc_price'), revenue().mul(lit(1).add(col('l_tax'))).alias('charge'))
    .groupBy(['l_returnflag', 'l_linestatus'])
    .agg(
      col('l_quantity').sum().alias('sum_qty'), col('l_extendedprice').sum().alias('sum_base_price'),
      col('disc_price').sum().alias('sum_disc_price'), col('charge').sum().alias('sum_charge'),
      col('l_quantity').mean().alias('avg_qty'), col('l_extendedprice').mean().alias('avg_price'),
      col('l_discount').mean().alias('avg_disc'), pl.len().alias('count_order'))
    .sort(['l_returnflag', 'l_linestatus']),

  q2: () => {
    let europeSupply = join(scan('partsupp'), scan('supplier'), 'ps_suppkey', 's_suppkey');
    europeSupply = join(europeSupply, scan('nation'), 's_nationkey', 'n_nationkey');
    europeSupply = join(europeSupply, scan('region').filter(col('r_name').eq(lit('EUROPE'))), 'n_regionkey', 'r_regionkey');
    const candidates = join(
      scan('part').filter(col('p_size').eq(lit(15)).and(col('p_type').str.endsWith('BRASS'))),
      europeSupply, 'p_partkey', 'ps_partkey');
    const minimumCost = candidates.groupBy('p_partkey').agg(col('ps_supplycost').min().alias('min_cost'));
    return candidates.join(minimumCost, { on: 'p_partkey' })
      .filter(col('ps_supplycost').eq(col('min_cost')))
      .select('s_acctbal', 's_name', 'n_name', 'p_partkey', 'p_mfgr', 's_address', 's_phone', 's_comment')
      .sort(['s_acctbal', 'n_name', 's_name', 'p_partkey'], [true, false, false, false])
      .head(100);
  },

  q3: () => {
    let lines = join(scan('customer').filter(col('c_mktsegment').eq(lit('BUILDING'))),
      scan('orders').filter(col('o_orderdate').lt(date(1995, 3, 15))), 'c_custkey', 'o_custkey');
    lines = join(lines, scan('lineitem').filter(col('l_shipdate').gt(date(1995, 3, 15))), 'o_orderkey', 'l_orderkey');
    return lines.withColumns(revenue().alias('revenue'))
      .groupBy(['o_orderkey', 'o_orderdate', 'o_shippriority'])
      .agg(col('revenue').sum())
      .select('o_orderkey', 'revenue', 'o_orderdate', 'o_shippriority')
      .sort(['revenue', 'o_orderdate'], [true, false])
      .head(10);
  },

  q4: () => {
    const lateLines = scan('lineitem').filter(col('l_commitdate').lt(col('l_receiptdate')));
    return join(
      scan('orders').filter(col('o_orderdate').gtEq(date(1993, 7, 1)).and(col('o_orderdate').lt(date(1993, 10, 1)))),
      lateLines, 'o_orderkey', 'l_orderkey', 'semi')
      .groupBy('o_orderpriority')
      .agg(pl.len().alias('order_count'))
      .sort('o_orderpriority');
  },

  q5: () => {
    let rows = join(scan('region').filter(col('r_name').eq(lit('ASIA'))), scan('nation'), 'r_regionkey', 'n_regionkey');
    rows = join(rows, scan('customer'), 'n_nationkey', 'c_nationkey');
    rows = join(rows, scan('orders').filter(
      col('o_orderdate').gtEq(date(1994, 1, 1)).and(col('o_orderdate').lt(date(1995, 1, 1)))), 'c_custkey', 'o_custkey');
    rows = join(rows, scan('lineitem'), 'o_orderkey', 'l_orderkey');
    rows = join(rows, scan('supplier'), ['l_suppkey', 'n_nationkey'], ['s_suppkey', 's_nationkey']);
    return rows.withColumns(revenue().alias('revenue'))
      .groupBy('n_name')
      .agg(col('revenue').sum())
      .sort('revenue', true);
  },

  q6: () => scan('lineitem')
    .filter(col('l_shipdate').gtEq(date(1994, 1, 1)).and(col('l_shipdate').lt(date(1995, 1, 1)))
      .and(between(col('l_discount'), lit(0.05), lit(0.07))).and(col('l_quantity').lt(lit(24))))
    .select(col('l_extendedprice').mul(col('l_discount')).sum().alias('revenue')),

  q7: () => {
    const nations = scan('nation').filter(col('n_name').isIn(['FRANCE', 'GERMANY']));
    const suppliers = join(scan('supplier'), nations, 's_nationkey', 'n_nationkey')
      .select(col('s_suppkey'), col('n_name').alias('supp_nation'));
    const customers = join(scan('customer'), nations, 'c_nationkey', 'n_nationkey')
      .select(col('c_custkey'), col('n_name').alias('cust_nation'));
    let rows = join(scan('lineitem').filter(between(col('l_shipdate'), date(1995, 1, 1), date(1996, 12, 31))),
      suppliers, 'l_suppkey', 's_suppkey');
    rows = join(rows, scan('orders'), 'l_orderkey', 'o_orderkey');
    rows = join(rows, customers, 'o_custkey', 'c_custkey');
    return rows.filter(col('supp_nation').neq(col('cust_nation')))
      .withColumns(col('l_shipdate').dt.year().alias('l_year'), revenue().alias('volume'))
      .groupBy(['supp_nation', 'cust_nation', 'l_year'])
      .agg(col('volume').sum().alias('revenue'))
      .sort(['supp_nation', 'cust_nation', 'l_year']);
  },

  q8: () => {
    let americaCustomers = join(scan('customer'), scan('nation'), 'c_nationkey', 'n_nationkey');
    americaCustomers = join(americaCustomers, scan('region').filter(col('r_name').eq(lit('AMERICA'))),
      'n_regionkey', 'r_regionkey').select('c_custkey');
    const supplierNations = join(scan('supplier'), scan('nation'), 's_nationkey', 'n_nationkey').select('s_suppkey', 'n_name');
    let rows = join(scan('part').filter(col('p_type').eq(lit('ECONOMY ANODIZED STEEL'))), scan('lineitem'),
      'p_partkey', 'l_partkey');
    rows = join(rows, scan('orders').filter(between(col('o_orderdate'), date(1995, 1, 1), date(1996, 12, 31))),
      'l_orderkey', 'o_orderkey');
    rows = join(rows, americaCustomers, 'o_custkey', 'c_custkey');
    rows = join(rows, supplierNations, 'l_suppkey', 's_suppkey');
    return rows.withColumns(col('o_orderdate').dt.year().alias('o_year'), revenue().alias('volume'))
      .withColumns(pl.when(col('n_name').eq(lit('BRAZIL'))).then(col('volume')).otherwise(lit(0.0)).alias('brazil_volume'))
      .groupBy('o_year')
      .agg(col('brazil_volume').sum(), col('volume').sum())
      .select(col('o_year'), col('brazil_volume').div(col('volume')).alias('mkt_share'))
      .sort('o_year');
  },

  q9: () => {
    let rows = join(scan('part').filter(col('p_name').str.contains('green', true)), scan('partsupp'),
      'p_partkey', 'ps_partkey');
    rows = join(rows, scan('lineitem'), ['p_partkey', 'ps_suppkey'], ['l_partkey', 'l_suppkey']);
    rows = join(rows, scan('supplier'), 'ps_suppkey', 's_suppkey');
    rows = join(rows, scan('orders'), 'l_orderkey', 'o_orderkey');
    rows = join(rows, scan('nation'), 's_nationkey', 'n_nationkey');
    return rows.withColumns(
      col('n_name').alias('nation'), col('o_orderdate').dt.year().alias('o_year'),
      revenue().sub(col('ps_supplycost').mul(col('l_quantity'))).alias('amount'))
      .groupBy(['nation', 'o_year'])
      .agg(col('amount').sum().alias('sum_profit'))
      .sort(['nation', 'o_year'], [false, true]);
  },

  q10: () => {
    let rows = join(scan('customer'), scan('orders').filter(
      col('o_orderdate').gtEq(date(1993, 10, 1)).and(col('o_orderdate').lt(date(1994, 1, 1)))), 'c_custkey', 'o_custkey');
    rows = join(rows, scan('lineitem').filter(col('l_returnflag').eq(lit('R'))), 'o_orderkey', 'l_orderkey');
    rows = join(rows, scan('nation'), 'c_nationkey', 'n_nationkey');
    return rows.withColumns(revenue().alias('revenue'))
      .groupBy(['c_custkey', 'c_name', 'c_acctbal', 'c_phone', 'n_name', 'c_address', 'c_comment'])
      .agg(col('revenue').sum())
      .select('c_custkey', 'c_name', 'revenue', 'c_acctbal', 'n_name', 'c_address', 'c_phone', 'c_comment')
      .sort('revenue', true)
      .head(20);
  },

  q11: () => {
    let germanStock = join(scan('partsupp'), scan('supplier'), 'ps_suppkey', 's_suppkey');
    germanStock = join(germanStock, scan('nation').filter(col('n_name').eq(lit('GERMANY'))), 's_nationkey', 'n_nationkey')
      .withColumns(col('ps_supplycost').mul(col('ps_availqty')).alias('value'));
    const threshold = germanStock.select(col('value').sum().mul(lit(0.0001 / scaleFactor)).alias('threshold'));
    return germanStock.groupBy('ps_partkey')
      .agg(col('value').sum())
      .join(threshold, { how: 'cross' })
      .filter(col('value').gt(col('threshold')))
      .select('ps_partkey', 'value')
      .sort('value', true);
  },

  q12: () => {
    const high = col('o_orderpriority').isIn(['1-URGENT', '2-HIGH']);
    return join(scan('orders'), scan('lineitem').filter(
      col('l_shipmode').isIn(['MAIL', 'SHIP'])
        .and(col('l_commitdate').lt(col('l_receiptdate')))
        .and(col('l_shipdate').lt(col('l_commitdate')))
        .and(col('l_receiptdate').gtEq(date(1994, 1, 1)))
        .and(col('l_receiptdate').lt(date(1995, 1, 1)))), 'o_orderkey', 'l_orderkey')
      .withColumns(
        pl.when(high).then(lit(1)).otherwise(lit(0)).alias('high_line_count'),
        pl.when(high).then(lit(0)).otherwise(lit(1)).alias('low_line_count'))
      .groupBy('l_shipmode')
      .agg(col('high_line_count').sum(), col('low_line_count').sum())
      .sort('l_shipmode');
  },

  q13: () => join(scan('customer'),
    scan('orders').filter(col('o_comment').str.contains('special.*requests').not()), 'c_custkey', 'o_custkey', 'left')
    .groupBy('c_custkey')
    .agg(col('o_orderkey').count().alias('c_count'))
    .groupBy('c_count')
    .agg(pl.len().alias('custdist'))
    .sort(['custdist', 'c_count'], [true, true]),

  q14: () => join(scan('lineitem').filter(col('l_shipdate').gtEq(date(1995, 9, 1)).and(col('l_shipdate').lt(date(1995, 10, 1)))),
    scan('part'), 'l_partkey', 'p_partkey')
    .withColumns(revenue().alias('revenue'))
    .withColumns(pl.when(col('p_type').str.startsWith('PROMO')).then(col('revenue')).otherwise(lit(0.0)).alias('promo'))
    .select(col('promo').sum(), col('revenue').sum())
    .select(lit(100.0).mul(col('promo')).div(col('revenue')).alias('promo_revenue')),

  q15: () => {
    const revenueView = scan('lineitem')
      .filter(col('l_shipdate').gtEq(date(1996, 1, 1)).and(col('l_shipdate').lt(date(1996, 4, 1))))
      .withColumns(revenue().alias('total_revenue'))
      .groupBy('l_suppkey')
      .agg(col('total_revenue').sum());
    return join(scan('supplier'), revenueView, 's_suppkey', 'l_suppkey')
      .join(revenueView.select(col('total_revenue').max().alias('max_revenue')), { how: 'cross' })
      .filter(col('total_revenue').eq(col('max_revenue')))
      .select('s_suppkey', 's_name', 's_address', 's_phone', 'total_revenue')
      .sort('s_suppkey');
  },

  q16: () => {
    const complained = scan('supplier').filter(col('s_comment').str.contains('Customer.*Complaints'));
    const rows = join(scan('part').filter(
      col('p_brand').neq(lit('Brand#45'))
        .and(col('p_type').str.startsWith('MEDIUM POLISHED').not())
        .and(col('p_size').isIn([49, 14, 23, 45, 19, 3, 36, 9]))), scan('partsupp'), 'p_partkey', 'ps_partkey');
    return join(rows, complained, 'ps_suppkey', 's_suppkey', 'anti')
      .groupBy(['p_brand', 'p_type', 'p_size'])
      .agg(col('ps_suppkey').nUnique().alias('supplier_cnt'))
      .sort(['supplier_cnt', 'p_brand', 'p_type', 'p_size'], [true, false, false, false]);
  },

  q17: () => {
    const lines = join(scan('part').filter(col('p_brand').eq(lit('Brand#23')).and(col('p_container').eq(lit('MED BOX')))),
      scan('lineitem'), 'p_partkey', 'l_partkey');
    const average = lines.groupBy('p_partkey').agg(lit(0.2).mul(col('l_quantity').mean()).alias('quantity_threshold'));
    return lines.join(average, { on: 'p_partkey' })
      .filter(col('l_quantity').lt(col('quantity_threshold')))
      .select(col('l_extendedprice').sum().alias('avg_yearly'))
      .select(col('avg_yearly').div(lit(7.0)).alias('avg_yearly'));
  },

  q18: () => {
    const largeOrders = scan('lineitem')
      .groupBy('l_orderkey')
      .agg(col('l_quantity').sum().alias('sum_qty'))
      .filter(col('sum_qty').gt(lit(300)));
    return join(join(scan('orders'), largeOrders, 'o_orderkey', 'l_orderkey'), scan('customer'), 'o_custkey', 'c_custkey')
      .select(col('c_name'), col('o_custkey').alias('c_custkey'), col('o_orderkey'), col('o_orderdate'),
        col('o_totalprice'), col('sum_qty'))
      .sort(['o_totalprice', 'o_orderdate'], [true, false])
      .head(100);
  },

  q19: () => {
    const branch = (brand, containers, low, high, maxSize) => col('p_brand').eq(lit(brand))
      .and(col('p_container').isIn(containers))
      .and(between(col('l_quantity'), lit(low), lit(high)))
      .and(between(col('p_size'), lit(1), lit(maxSize)));
    return join(scan('lineitem').filter(
      col('l_shipmode').isIn(['AIR', 'AIR REG']).and(col('l_shipinstruct').eq(lit('DELIVER IN PERSON')))),
    scan('part'), 'l_partkey', 'p_partkey')
      .filter(branch('Brand#12', ['SM CASE', 'SM BOX', 'SM PACK', 'SM PKG'], 1, 11, 5)
        .or(branch('Brand#23', ['MED BAG', 'MED BOX', 'MED PKG', 'MED PACK'], 10, 20, 10))
        .or(branch('Brand#34', ['LG CASE', 'LG BOX', 'LG PACK', 'LG PKG'], 20, 30, 15)))
      .select(revenue().sum().alias('revenue'));
  },

  q20: () => {
    const shipped = scan('lineitem')
      .filter(col('l_shipdate').gtEq(date(1994, 1, 1)).and(col('l_shipdate').lt(date(1995, 1, 1))))
      .groupBy(['l_partkey', 'l_suppkey'])
      .agg(lit(0.5).mul(col('l_quantity').sum()).alias('half_quantity'));
    const forestParts = scan('part').filter(col('p_name').str.startsWith('forest'));
    let excess = join(scan('partsupp'), forestParts, 'ps_partkey', 'p_partkey', 'semi');
    excess = join(excess, shipped, ['ps_partkey', 'ps_suppkey'], ['l_partkey', 'l_suppkey'])
      .filter(col('ps_availqty').gt(col('half_quantity')));
    const suppliers = join(scan('supplier'), scan('nation').filter(col('n_name').eq(lit('CANADA'))), 's_nationkey', 'n_nationkey');
    return join(suppliers, excess, 's_suppkey', 'ps_suppkey', 'semi')
      .select('s_name', 's_address')
      .sort('s_name');
  },

  q21: () => {
    const late = scan('lineitem').filter(col('l_receiptdate').gt(col('l_commitdate')));
    const severalSuppliers = scan('lineitem')
      .groupBy('l_orderkey')
      .agg(col('l_suppkey').nUnique().alias('suppliers'))
      .filter(col('suppliers').gt(lit(1)));
    const oneLateSupplier = late
      .groupBy('l_orderkey')
      .agg(col('l_suppkey').nUnique().alias('late_suppliers'))
      .filter(col('late_suppliers').eq(lit(1)));
    let rows = join(late, scan('supplier'), 'l_suppkey', 's_suppkey');
    rows = join(rows, scan('nation').filter(col('n_name').eq(lit('SAUDI ARABIA'))), 's_nationkey', 'n_nationkey');
    rows = join(rows, scan('orders').filter(col('o_orderstatus').eq(lit('F'))), 'l_orderkey', 'o_orderkey', 'semi');
    rows = join(rows, severalSuppliers, 'l_orderkey', 'l_orderkey', 'semi');
    rows = join(rows, oneLateSupplier, 'l_orderkey', 'l_orderkey', 'semi');
    return rows.groupBy('s_name')
      .agg(pl.len().alias('numwait'))
      .sort(['numwait', 's_name'], [true, false])
      .head(100);
  },

  q22: () => {
    const customers = scan('customer')
      .withColumns(col('c_phone').str.slice(0, 2).alias('cntrycode'))
      .filter(col('cntrycode').isIn(['13', '31', '23', '29', '30', '18', '17']));
    const average = customers.filter(col('c_acctbal').gt(lit(0.0))).select(col('c_acctbal').mean().alias('avg_acctbal'));
    return join(customers.join(average, { how: 'cross' }).filter(col('c_acctbal').gt(col('avg_acctbal'))),
      scan('orders'), 'c_custkey', 'o_custkey', 'anti')
      .groupBy('cntrycode')
      .agg(pl.len().alias('numcust'), col('c_acctbal').sum().alias('totacctbal'))
      .sort('cntrycode');
  },
};

if (answersDir) fs.mkdirSync(answersDir, { recursive: true });
let failed = false;
for (const query of queries) {
  try {
    let result = null;
    const timing = await timeRuns(repeat, async () => {
      result = null;  // the previous answer is freed before the next run
      result = await QUERIES[query]().collect();
    });
    if (answersDir) result.writeCSV(`${answersDir}/${query}.csv`);
    emitTiming('polars', version, query, threads, timing, result.height);
  } catch (error) {
    failed = true;
    emitError('polars', query, error);
  }
}
process.exitCode = failed ? 1 : 0;
