// Differential tests: a few hundred generated queries (random chains of
// filters, projections, sorts, limits, group-bys, joins, unique, renames,
// null handling, row indices, unions and explodes over a table with nulls,
// strings, dates, decimals and lists) run eagerly and lazily - with every
// optimizer pass, with none, and with each pass off alone - over a frame in
// memory and over a glob of Parquet files. Every run must give the eager
// result exactly, or the same kind of error.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <sstream>

#include "exec/lazy_test_support.hpp"
#include "strata/core/error.hpp"

namespace strata {
namespace {

using lazy_test::TemporaryDirectory;

DataFrame base_table(int64_t rows, uint64_t seed) {
  std::mt19937_64 random(seed);
  const auto pick = [&](int64_t n) { return static_cast<int64_t>(random() % static_cast<uint64_t>(n)); };
  std::vector<std::optional<int64_t>> k1;
  std::vector<std::optional<std::string>> k2, tags;
  std::vector<std::optional<double>> v1;
  std::vector<std::optional<int32_t>> v2;
  std::vector<std::optional<bool>> flag;
  std::vector<Scalar> day, price;
  static const char* const letters[] = {"a", "b", "c", "d", "e"};
  for (int64_t i = 0; i < rows; ++i) {
    k1.push_back(pick(10) == 0 ? std::nullopt : std::optional<int64_t>(pick(10)));
    k2.push_back(pick(8) == 0 ? std::nullopt : std::optional<std::string>(letters[pick(5)]));
    v1.push_back(pick(7) == 0 ? std::nullopt : std::optional<double>(static_cast<double>(pick(2000) - 1000) / 8));
    v2.push_back(static_cast<int32_t>(pick(100)));
    flag.push_back(pick(9) == 0 ? std::nullopt : std::optional<bool>(pick(2) == 1));
    day.push_back(pick(12) == 0 ? Scalar::null(DataType::date()) : Scalar::date(static_cast<int32_t>(19700 + pick(40))));
    price.push_back(Scalar::decimal(Int128(pick(100000)), 9, 2));
    std::string t = letters[pick(5)];
    for (int64_t n = pick(3); n > 0; --n) t += std::string(",") + letters[pick(5)];
    tags.push_back(t);
  }
  return DataFrame({Series::from("k1", k1), Series::from("k2", k2), Series::from("v1", v1), Series::from("v2", v2),
                    Series::from("flag", flag), Series::from_scalars("day", DataType::date(), day),
                    Series::from_scalars("price", DataType::decimal(9, 2), price), Series::from("tags", tags)});
}

DataFrame dimension_table() {
  return DataFrame({Series::from("k1", std::vector<std::optional<int64_t>>{0, 1, 2, 3, 5, 8, std::nullopt, 3}),
                    Series::from("dname", std::vector<std::string>{"zero", "one", "two", "three", "five", "eight",
                                                                   "none", "three again"}),
                    Series::from("v1", std::vector<std::optional<double>>{0.5, std::nullopt, 2.5, 3.5, 5.5, 8.5,
                                                                          -1, 3.25})});
}

// One step of a query, applied the same way to a DataFrame and a LazyFrame.
struct Step {
  std::string text;
  std::function<DataFrame(const DataFrame&)> eager;
  std::function<LazyFrame(const LazyFrame&)> lazy;
};

template <typename F>
Step step(std::string text, F apply) {
  return Step{std::move(text), [apply](const DataFrame& f) { return apply(f); },
              [apply](const LazyFrame& f) { return apply(f); }};
}

class QueryGenerator {
 public:
  explicit QueryGenerator(uint64_t seed) : random_(seed) {}

  // A step that fits `frame`'s columns.
  Step next(const DataFrame& frame) {
    const Schema schema = frame.schema();
    for (;;) {
      switch (pick(15)) {
        case 0:
        case 1:
        case 2: return filter(schema);
        case 3: return select(schema);
        case 4: return with_columns(schema);
        case 5: return sort(schema);
        case 6: return limit();
        case 7: return group_by(schema);
        case 8: return unique(schema);
        case 9:
          if (schema.index_of("k1") && schema.field(*schema.index_of("k1")).type == DataType::int64()) return join();
          break;
        case 10: return rename_or_drop(schema);
        case 11: return nulls(schema);
        case 12:
          if (!schema.index_of("row")) return step("with_row_index(row)", RowIndex{});
          break;
        case 13: return union_with_itself(schema);
        case 14:
          if (schema.index_of("tags") && schema.field(*schema.index_of("tags")).type == DataType::string())
            return step("explode(tags split)", [](const auto& f) {
              return f.with_columns({col("tags").str().split(",").alias("tag")}).explode("tag");
            });
          break;
      }
    }
  }

 private:
  struct RowIndex {
    DataFrame operator()(const DataFrame& f) const {
      std::vector<int64_t> rows(static_cast<size_t>(f.height()));
      for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int64_t>(i);
      std::vector<Series> columns{Series::from("row", rows)};
      for (const Series& s : f.columns()) columns.push_back(s);
      return DataFrame(columns);
    }
    LazyFrame operator()(const LazyFrame& f) const { return f.with_row_index("row"); }
  };

  int64_t pick(int64_t n) { return static_cast<int64_t>(random_() % static_cast<uint64_t>(n)); }

  std::vector<Field> columns_where(const Schema& schema, const std::function<bool(const DataType&)>& test) {
    std::vector<Field> out;
    for (const Field& field : schema.fields())
      if (test(field.type)) out.push_back(field);
    return out;
  }

  static bool numeric(const DataType& t) { return t.is_integer() || t.is_floating(); }
  static bool groupable(const DataType& t) {
    return t.is_integer() || t.id() == TypeId::String || t.id() == TypeId::Bool || t.id() == TypeId::Date;
  }
  static bool sortable(const DataType& t) { return !t.is_nested(); }

  Expr predicate(const Schema& schema) {
    const std::vector<Field> fields = columns_where(schema, [](const DataType& t) { return !t.is_nested(); });
    const Field& field = fields[static_cast<size_t>(pick(static_cast<int64_t>(fields.size())))];
    const Expr c = col(field.name);
    if (pick(6) == 0) return pick(2) ? c.is_null() : c.is_not_null();
    const DataType& t = field.type;
    if (numeric(t)) {
      const Expr v = t.is_floating() ? lit(static_cast<double>(pick(200) - 100) / 2) : lit(pick(60));
      switch (pick(5)) {
        case 0: return c > v;
        case 1: return c <= v;
        case 2: return c == v;
        case 3: return (lit(10) + lit(5)) > c;  // folds to a constant
        default: return c != v;
      }
    }
    if (t.id() == TypeId::String) {
      static const char* const letters[] = {"a", "b", "c", "d", "e"};
      switch (pick(4)) {
        case 0: return c == letters[pick(5)];
        case 1: return c.is_in({Scalar::string("a"), Scalar::string(letters[pick(5)])});
        case 2: return c.str().starts_with(letters[pick(5)]);
        default: return c > letters[pick(5)];
      }
    }
    if (t.id() == TypeId::Bool) return pick(2) ? c : !c;
    if (t.id() == TypeId::Date) return c >= lit(Scalar::date(static_cast<int32_t>(19700 + pick(40))));
    if (t.id() == TypeId::Decimal) return c.cast(DataType::float64()) > lit(static_cast<double>(pick(1000)));
    return c.is_not_null();
  }

  Step filter(const Schema& schema) {
    Expr p = predicate(schema);
    for (int64_t more = pick(3); more > 0; --more) p = pick(3) ? (p && predicate(schema)) : (p || predicate(schema));
    if (pick(5) == 0) p = lit(true) && p;
    return step("filter " + p.to_string(), [p](const auto& f) { return f.filter(p); });
  }

  Step select(const Schema& schema) {
    std::vector<Expr> exprs;
    for (const Field& field : schema.fields())
      if (pick(3) != 0) exprs.push_back(col(field.name));
    const std::vector<Field> numbers = columns_where(schema, numeric);
    if (!numbers.empty() && pick(2)) {
      const Field& n = numbers[static_cast<size_t>(pick(static_cast<int64_t>(numbers.size())))];
      const Expr calc = col(n.name) * 2 + lit(1);
      exprs.push_back(calc.alias("calc" + std::to_string(counter_++)));
      if (pick(2)) exprs.push_back((calc * calc).alias("calc" + std::to_string(counter_++)));  // repeated
    }
    if (exprs.empty()) exprs.push_back(col(schema.field(0).name));
    std::string text = "select";
    for (const Expr& e : exprs) text += " " + e.to_string();
    return step(text, [exprs](const auto& f) { return f.select(exprs); });
  }

  Step with_columns(const Schema& schema) {
    const std::vector<Field> numbers = columns_where(schema, numeric);
    if (numbers.empty()) return step("with_columns lit", [](const auto& f) { return f.with_columns({lit(7).alias("seven")}); });
    const Field& n = numbers[static_cast<size_t>(pick(static_cast<int64_t>(numbers.size())))];
    const Expr e = pick(2) ? (col(n.name) - lit(3)).alias(n.name)
                           : when(col(n.name) > 0).then(col(n.name)).otherwise(lit(0)).alias("w" + std::to_string(counter_++));
    return step("with_columns " + e.to_string(), [e](const auto& f) { return f.with_columns({e}); });
  }

  Step sort(const Schema& schema) {
    const std::vector<Field> keys = columns_where(schema, sortable);
    std::vector<Expr> by;
    SortOptions options;
    for (int64_t n = 1 + pick(2); n > 0; --n) {
      by.push_back(col(keys[static_cast<size_t>(pick(static_cast<int64_t>(keys.size())))].name));
      options.descending.push_back(pick(2) == 1);
    }
    options.nulls_last = pick(2) == 1;
    const int64_t head = pick(3) ? pick(50) + 1 : -1;
    std::string text = "sort";
    for (const Expr& e : by) text += " " + e.to_string();
    if (head >= 0) text += " then head " + std::to_string(head);
    return step(text, [by, options, head](const auto& f) {
      auto sorted = f.sort_by(by, options);
      return head >= 0 ? sorted.head(head) : sorted;
    });
  }

  Step limit() {
    const int64_t offset = pick(3) ? 0 : pick(700);
    const int64_t length = pick(900);
    return step("slice " + std::to_string(offset) + " " + std::to_string(length),
                [offset, length](const auto& f) { return f.slice(offset, length); });
  }

  Step group_by(const Schema& schema) {
    const std::vector<Field> keys = columns_where(schema, groupable);
    const std::vector<Field> numbers = columns_where(schema, numeric);
    if (keys.empty()) return limit();
    std::vector<std::string> by{keys[static_cast<size_t>(pick(static_cast<int64_t>(keys.size())))].name};
    if (pick(3) == 0) {
      const std::string other = keys[static_cast<size_t>(pick(static_cast<int64_t>(keys.size())))].name;
      if (other != by[0]) by.push_back(other);
    }
    std::vector<Expr> aggs{col(by[0]).len().alias("n" + std::to_string(counter_++))};
    for (const Field& n : numbers) {
      if (std::find(by.begin(), by.end(), n.name) != by.end()) continue;
      const std::string name = n.name + "_" + std::to_string(counter_++);
      switch (pick(6)) {
        case 0: aggs.push_back(col(n.name).sum().alias(name)); break;
        case 1: aggs.push_back(col(n.name).min().alias(name)); break;
        case 2: aggs.push_back(col(n.name).max().alias(name)); break;
        case 3: aggs.push_back(col(n.name).mean().alias(name)); break;
        case 4: aggs.push_back(col(n.name).n_unique().alias(name)); break;
        default: aggs.push_back(col(n.name).count().alias(name)); break;
      }
    }
    if (!numbers.empty() && pick(3) == 0) {  // one computation in two aggregations
      const Field& n = numbers[static_cast<size_t>(pick(static_cast<int64_t>(numbers.size())))];
      const Expr calc = col(n.name) * (lit(1) - col(n.name));
      aggs.push_back(calc.sum().alias("cs" + std::to_string(counter_++)));
      aggs.push_back((calc + 1).max().alias("cm" + std::to_string(counter_++)));
    }
    const bool head = pick(6) == 0;
    std::string text = "group_by";
    for (const std::string& k : by) text += " " + k;
    if (head) return step(text + " head 2", [by](const auto& f) { return f.group_by(by).head(2); });
    return step(text + " agg", [by, aggs](const auto& f) { return f.group_by(by).agg(aggs); });
  }

  Step unique(const Schema& schema) {
    std::vector<std::string> subset;
    for (const Field& field : schema.fields())
      if (!field.type.is_nested() && pick(3) == 0) subset.push_back(field.name);
    const UniqueKeep keep = pick(2) ? UniqueKeep::First : UniqueKeep::Last;
    bool nested = false;
    for (const Field& field : schema.fields()) nested = nested || field.type.is_nested();
    if (subset.empty() && nested) subset.push_back(schema.field(0).name);
    std::string text = "unique";
    for (const std::string& s : subset) text += " " + s;
    return step(text, [subset, keep](const auto& f) { return f.unique(subset, keep); });
  }

  struct Join {
    compute::JoinType how;
    DataFrame operator()(const DataFrame& f) const { return f.join(dimension_table(), {"k1"}, {how, "_d"}); }
    LazyFrame operator()(const LazyFrame& f) const { return f.join(lazy(dimension_table()), {"k1"}, {how, "_d"}); }
  };

  Step join() {
    static const compute::JoinType kinds[] = {compute::JoinType::Inner, compute::JoinType::Left, compute::JoinType::Right,
                                              compute::JoinType::Full,  compute::JoinType::Semi, compute::JoinType::Anti};
    const compute::JoinType how = kinds[pick(6)];
    return step(std::string(compute::join_type_name(how)) + " join dimension on k1", Join{how});
  }

  Step rename_or_drop(const Schema& schema) {
    const std::string name = schema.field(pick(schema.size())).name;
    if (schema.size() > 1 && pick(2)) return step("drop " + name, [name](const auto& f) { return f.drop({name}); });
    const std::string to = name + "_r" + std::to_string(counter_++);
    return step("rename " + name + " " + to, [name, to](const auto& f) { return f.rename({{name, to}}); });
  }

  Step nulls(const Schema& schema) {
    switch (pick(3)) {
      case 0: {
        std::vector<std::string> subset;
        if (pick(2)) subset.push_back(schema.field(pick(schema.size())).name);
        return step("drop_nulls", [subset](const auto& f) { return f.drop_nulls(subset); });
      }
      case 1: return step("fill_null 0", [](const auto& f) { return f.fill_null(Scalar::int64(0)); });
      default: return step("fill_null 'z'", [](const auto& f) { return f.fill_null(Scalar::string("z")); });
    }
  }

  struct Union {
    Expr p;
    DataFrame operator()(const DataFrame& f) const { return concat({f, f.filter(p)}); }
    LazyFrame operator()(const LazyFrame& f) const { return concat({f, f.filter(p)}); }
  };

  Step union_with_itself(const Schema& schema) {
    const Expr p = predicate(schema);
    return step("concat with itself filtered by " + p.to_string(), Union{p});
  }

  std::mt19937_64 random_;
  int counter_ = 0;
};

std::string describe(const std::vector<Step>& steps) {
  std::string out;
  for (const Step& s : steps) out += "  ." + s.text + "\n";
  return out;
}

// Runs `steps` eagerly over `base` and lazily over `source` in every
// optimizer configuration.
void check_query(const DataFrame& base, const LazyFrame& source, const std::vector<Step>& steps) {
  DataFrame expected = base;
  for (const Step& s : steps) expected = s.eager(expected);
  LazyFrame query = source;
  for (const Step& s : steps) query = s.lazy(query);
  std::vector<std::pair<std::string, plan::OptimizerOptions>> configurations{
      {"every pass", {}}, {"no pass", plan::OptimizerOptions::none()}};
  for (const std::string& pass : plan::OptimizerOptions::pass_names())
    configurations.emplace_back("without " + pass, plan::OptimizerOptions().without(pass));
  for (const auto& [name, optimizer] : configurations) {
    const DataFrame actual = query.collect({optimizer, {}});
    ASSERT_TRUE(lazy_test::frames_equal(expected, actual))
        << name << ", query:\n" << describe(steps) << query.explain(optimizer);
  }
}

class Differential : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    base_ = new DataFrame(base_table(3000, 42));
    directory_ = new TemporaryDirectory();
    ParquetWriteOptions options;
    options.row_group_size = 400;
    write_parquet(base_->head(1000), directory_->file("part-0.parquet"), options);
    write_parquet(base_->slice(1000, 1000), directory_->file("part-1.parquet"), options);
    write_parquet(base_->slice(2000, 1000), directory_->file("part-2.parquet"), options);
  }
  static void TearDownTestSuite() {
    delete base_;
    delete directory_;
  }

  void run_queries(uint64_t first_seed, int count, bool from_parquet) {
    const LazyFrame source = from_parquet ? scan_parquet(directory_->file("part-*.parquet")) : lazy(*base_);
    int checked = 0, refused = 0;
    for (int q = 0; q < count; ++q) {
      QueryGenerator generator(first_seed + static_cast<uint64_t>(q));
      std::mt19937_64 lengths(first_seed * 31 + static_cast<uint64_t>(q));
      std::vector<Step> steps;
      DataFrame current = *base_;
      const int length = 2 + static_cast<int>(lengths() % 5);
      for (int i = 0; i < length; ++i) {
        Step s = generator.next(current);
        // A step the eager engine refuses must be refused lazily too (when
        // the query is written or run), with the same kind of error.
        try {
          current = s.eager(current);
        } catch (const Error& eager_error) {
          ++refused;
          LazyFrame query = source;
          try {
            for (const Step& previous : steps) query = previous.lazy(query);
            s.lazy(query).collect();
            ADD_FAILURE() << "eager refused (" << eager_error.what() << ") but lazy ran:\n"
                          << describe(steps) << "  ." << s.text;
          } catch (const Error& lazy_error) {
            EXPECT_EQ(eager_error.kind(), lazy_error.kind())
                << eager_error.what() << "\nlazy: " << lazy_error.what() << "\n" << describe(steps) << "  ." << s.text;
          }
          continue;
        }
        steps.push_back(std::move(s));
      }
      SCOPED_TRACE("seed " + std::to_string(first_seed + static_cast<uint64_t>(q)));
      check_query(*base_, source, steps);
      if (HasFatalFailure()) return;
      ++checked;
    }
    EXPECT_EQ(checked, count);
    RecordProperty("refused_steps", refused);
  }

  static DataFrame* base_;
  static TemporaryDirectory* directory_;
};

DataFrame* Differential::base_ = nullptr;
TemporaryDirectory* Differential::directory_ = nullptr;

TEST_F(Differential, QueriesOverAFrame) { run_queries(1000, 150, false); }
TEST_F(Differential, QueriesOverParquetFiles) { run_queries(5000, 150, true); }

}  // namespace
}  // namespace strata
