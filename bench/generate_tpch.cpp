// Writes the eight TPC-H tables at a scale factor as Parquet, one folder per
// table (DIR/lineitem/part-000.parquet, ...), following the facts of the
// TPC-H specification: its schema (money and quantities as f64, dates as
// date, text as str), row counts, key relationships, value domains and
// distributions, so that the 22 queries see their intended selectivities.
// It is not byte-identical to the reference generator: the random streams
// and the comment text grammar are our own.
//
//   table     rows at SF 1   notes
//   region    5              fixed
//   nation    25             fixed, with its region
//   supplier  10,000         5 per 10,000 comments hold "Customer ... Complaints"
//   customer  150,000        phone country code = nation key + 10
//   part      200,000        names of five colour words, types, containers, sizes
//   partsupp  800,000        four suppliers per part, spread as the spec does
//   orders    1,500,000      keys sparse (8 of every 32), a third of customers have none
//   lineitem  ~6,000,000     1..7 per order; ship/commit/receipt dates,
//                            return flag and line status by the spec's rules
//
// The same arguments give the same data (every part file has its own
// seeded stream); parts are generated and written in parallel.
//
// Usage: generate_tpch --scale-factor 1 [--seed 19920101] [--output-dir bench/data/tpch-sf1]
// Prints the output folder.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dataset_writing.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/table.hpp"
#include "strata/core/temporal.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/io/parquet.hpp"

namespace {

using strata::Array;
using strata::DataType;

// ---- Random numbers ---------------------------------------------------------

/// The generators' random stream (dataset_writing.hpp), one per (table,
/// part, seed), with the draws the specification's rules need.
class Random : public dataset_writing::Random {
 public:
  using dataset_writing::Random::Random;
  /// Uniform in [low, high], both included.
  int64_t uniform(int64_t low, int64_t high) {
    const auto span = static_cast<uint64_t>(high - low) + 1;
    return low + static_cast<int64_t>(next() % span);
  }
  template <typename T>
  const T& pick(const std::vector<T>& values) {
    return values[static_cast<size_t>(uniform(0, static_cast<int64_t>(values.size()) - 1))];
  }
};

// ---- The specification's value pools ----------------------------------------

const std::vector<std::string> kRegions = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};

struct NationDefinition {
  const char* name;
  int64_t region;
};
const std::vector<NationDefinition> kNations = {
    {"ALGERIA", 0},      {"ARGENTINA", 1},  {"BRAZIL", 1},  {"CANADA", 1},         {"EGYPT", 4},
    {"ETHIOPIA", 0},     {"FRANCE", 3},     {"GERMANY", 3}, {"INDIA", 2},          {"INDONESIA", 2},
    {"IRAN", 4},         {"IRAQ", 4},       {"JAPAN", 2},   {"JORDAN", 4},         {"KENYA", 0},
    {"MOROCCO", 0},      {"MOZAMBIQUE", 0}, {"PERU", 1},    {"CHINA", 2},          {"ROMANIA", 3},
    {"SAUDI ARABIA", 4}, {"VIETNAM", 2},    {"RUSSIA", 3},  {"UNITED KINGDOM", 3}, {"UNITED STATES", 1}};

const std::vector<std::string> kColors = {
    "almond",    "antique",    "aquamarine", "azure",     "beige",     "bisque",     "black",     "blanched",
    "blue",      "blush",      "brown",      "burlywood", "burnished", "chartreuse", "chiffon",   "chocolate",
    "coral",     "cornflower", "cornsilk",   "cream",     "cyan",      "dark",       "deep",      "dim",
    "dodger",    "drab",       "firebrick",  "floral",    "forest",    "frosted",    "gainsboro", "ghost",
    "goldenrod", "green",      "grey",       "honeydew",  "hot",       "indian",     "ivory",     "khaki",
    "lace",      "lavender",   "lawn",       "lemon",     "light",     "lime",       "linen",     "magenta",
    "maroon",    "medium",     "metallic",   "midnight",  "mint",      "misty",      "moccasin",  "navajo",
    "navy",      "olive",      "orange",     "orchid",    "pale",      "papaya",     "peach",     "peru",
    "pink",      "plum",       "powder",     "puff",      "purple",    "red",        "rose",      "rosy",
    "royal",     "saddle",     "salmon",     "sandy",     "seashell",  "sienna",     "sky",       "slate",
    "smoke",     "snow",       "spring",     "steel",     "tan",       "thistle",    "tomato",    "turquoise",
    "violet",    "wheat",      "white",      "yellow"};

const std::vector<std::string> kTypeSize = {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"};
const std::vector<std::string> kTypeFinish = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"};
const std::vector<std::string> kTypeMaterial = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
const std::vector<std::string> kContainerSize = {"SM", "LG", "MED", "JUMBO", "WRAP"};
const std::vector<std::string> kContainerKind = {"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"};
const std::vector<std::string> kSegments = {"AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"};
const std::vector<std::string> kPriorities = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
const std::vector<std::string> kInstructions = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
                                                "TAKE BACK RETURN"};
const std::vector<std::string> kShipModes = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};

// Words of the comment grammar.
const std::vector<std::string> kNouns = {
    "foxes",      "ideas",          "theodolites", "pinto beans", "instructions", "dependencies", "excuses",
    "platelets",  "asymptotes",     "courts",      "dolphins",    "multipliers",  "sauternes",    "warthogs",
    "frets",      "dinos",          "attainments", "somas",       "Tiresias",     "patterns",     "forges",
    "braids",     "hockey players", "frays",       "warhorses",   "dugouts",      "notornis",     "epitaphs",
    "pearls",     "tithes",         "waters",      "orbits",      "gifts",        "sheaves",      "depths",
    "sentiments", "decoys",         "realms",      "pains",       "grouches",     "escapades",    "packages",
    "requests",   "accounts",       "deposits",    "packages",    "requests",     "accounts",     "deposits"};
const std::vector<std::string> kVerbs = {
    "sleep",  "wake",   "are",       "cajole",   "haggle", "nag",   "use",     "boost",
    "affix",  "detect", "integrate", "maintain", "nod",    "was",   "lose",    "sublate",
    "solve",  "thrash", "promise",   "engage",   "hinder", "print", "x-ray",   "breach",
    "eat",    "grow",   "impress",   "mold",     "poach",  "serve", "run",     "dazzle",
    "snooze", "doze",   "unwind",    "kindle",   "play",   "hang",  "believe", "doubt"};
const std::vector<std::string> kAdjectives = {
    "furious",  "sly",     "careful", "blithe",  "quick",  "fluffy", "slow",     "quiet",
    "ruthless", "thin",    "close",   "dogged",  "daring", "brave",  "stealthy", "permanent",
    "enticing", "idle",    "busy",    "regular", "final",  "ironic", "even",     "bold",
    "silent",   "pending", "special", "unusual", "express"};
const std::vector<std::string> kAdverbs = {
    "sometimes", "always",    "never",   "furiously",  "slyly",       "carefully",  "blithely",
    "quickly",   "fluffily",  "slowly",  "quietly",    "ruthlessly",  "thinly",     "closely",
    "doggedly",  "daringly",  "bravely", "stealthily", "permanently", "enticingly", "idly",
    "busily",    "regularly", "finally", "ironically", "evenly",      "boldly",     "silently"};
const std::vector<std::string> kPrepositions = {
    "about",        "above",   "according to", "across",  "after",       "against", "along",
    "alongside of", "among",   "around",       "at",      "atop",        "before",  "behind",
    "beneath",      "beside",  "besides",      "between", "beyond",      "by",      "despite",
    "during",       "except",  "for",          "from",    "in place of", "inside",  "instead of",
    "into",         "near",    "of",           "on",      "outside",     "over",    "past",
    "since",        "through", "throughout",   "to",      "toward",      "under",   "until",
    "up",           "upon",    "without",      "with",    "within"};
const std::vector<std::string> kAuxiliaries = {
    "do",           "may",          "might",         "shall",         "will",
    "would",        "can",          "could",         "should",        "ought to",
    "must",         "will have to", "shall have to", "could have to", "should have to",
    "must have to", "need to",      "try to"};
const std::vector<std::string> kTerminators = {".", ";", ":", "?", "!", "--"};

/// A long text of grammar sentences; comments are random slices of it, as
/// in the specification (which slices a pool of such sentences).
std::string make_text_pool(uint64_t seed, size_t size) {
  Random random(seed);
  std::string text;
  text.reserve(size + 200);
  auto noun_phrase = [&] {
    switch (random.uniform(0, 3)) {
      case 0:
        return random.pick(kNouns);
      case 1:
        return random.pick(kAdjectives) + " " + random.pick(kNouns);
      case 2:
        return random.pick(kAdjectives) + ", " + random.pick(kAdjectives) + " " + random.pick(kNouns);
      default:
        return random.pick(kAdverbs) + " " + random.pick(kAdjectives) + " " + random.pick(kNouns);
    }
  };
  auto verb_phrase = [&] {
    switch (random.uniform(0, 3)) {
      case 0:
        return random.pick(kVerbs);
      case 1:
        return random.pick(kAuxiliaries) + " " + random.pick(kVerbs);
      case 2:
        return random.pick(kVerbs) + " " + random.pick(kAdverbs);
      default:
        return random.pick(kAuxiliaries) + " " + random.pick(kVerbs) + " " + random.pick(kAdverbs);
    }
  };
  while (text.size() < size) {
    std::string sentence = noun_phrase() + " " + verb_phrase();
    const int64_t form = random.uniform(0, 4);
    if (form >= 2) sentence += " " + random.pick(kPrepositions) + " the " + noun_phrase();
    if (form == 4) sentence = noun_phrase() + " " + random.pick(kPrepositions) + " the " + sentence;
    text += sentence;
    text += random.pick(kTerminators);
    text += ' ';
  }
  return text;
}

// ---- Calendar -------------------------------------------------------------

int32_t date_of(int year, unsigned month, unsigned day) {
  return static_cast<int32_t>(strata::temporal::days_from_civil(year, month, day));
}
const int32_t kStartDate = date_of(1992, 1, 1);
const int32_t kEndDate = date_of(1998, 12, 31);
const int32_t kCurrentDate = date_of(1995, 6, 17);  // splits returned/open lines

// ---- Column assembly --------------------------------------------------------

/// The columns of one part file, added in schema order.
class Columns {
 public:
  void add(const std::string& name, Array array) {
    fields_.push_back({name, array.type(), false});
    arrays_.push_back(std::move(array));
  }
  strata::Table table() const {
    std::vector<strata::ChunkedArray> chunked;
    for (const Array& array : arrays_) chunked.emplace_back(array);
    return strata::Table(strata::Schema(fields_), std::move(chunked));
  }

 private:
  std::vector<strata::Field> fields_;
  std::vector<Array> arrays_;
};

using IntBuilder = strata::FixedWidthBuilder<int64_t>;
using MoneyBuilder = strata::FixedWidthBuilder<double>;
using DateBuilder = strata::FixedWidthBuilder<int32_t>;
/// Strings from any text type (the builder's own overloads are ambiguous
/// for std::string).
class StringBuilder {
 public:
  void append(std::string_view value) { builder_.append(value); }
  Array finish() { return builder_.finish(); }

 private:
  strata::StringBuilder builder_;
};

IntBuilder int_builder() { return IntBuilder(DataType::int64()); }
MoneyBuilder money_builder() { return MoneyBuilder(DataType::float64()); }
DateBuilder date_builder() { return DateBuilder(DataType::date()); }

/// Everything a part generator needs.
struct Context {
  double scale = 1;
  uint64_t seed = 0;
  std::string text_pool;
  int64_t suppliers = 0, parts = 0, customers = 0, orders = 0;
};

/// A random slice of the text pool with a length in [low, high].
std::string_view comment(const Context& context, Random& random, int64_t low, int64_t high) {
  const int64_t length = random.uniform(low, high);
  const auto offset = random.uniform(0, static_cast<int64_t>(context.text_pool.size()) - length - 1);
  return std::string_view(context.text_pool).substr(static_cast<size_t>(offset), static_cast<size_t>(length));
}

/// A random string of letters, digits, spaces and punctuation (addresses).
std::string random_address(Random& random) {
  static constexpr std::string_view kAlphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.";
  std::string text(static_cast<size_t>(random.uniform(10, 40)), ' ');
  for (char& c : text) c = kAlphabet[static_cast<size_t>(random.uniform(0, kAlphabet.size() - 1))];
  return text;
}

std::string phone(Random& random, int64_t nation) {
  char text[32];
  std::snprintf(text, sizeof text, "%02lld-%03lld-%03lld-%04lld", static_cast<long long>(nation + 10),
                static_cast<long long>(random.uniform(100, 999)),
                static_cast<long long>(random.uniform(100, 999)),
                static_cast<long long>(random.uniform(1000, 9999)));
  return text;
}

std::string numbered(const char* prefix, int64_t number) {
  char text[48];
  std::snprintf(text, sizeof text, "%s#%09lld", prefix, static_cast<long long>(number));
  return text;
}

double cents(int64_t value) { return static_cast<double>(value) / 100.0; }

/// The spec's retail price of a part, in cents.
int64_t retail_price_cents(int64_t partkey) {
  return 90000 + ((partkey / 10) % 20001) + 100 * (partkey % 1000);
}

/// The i-th (0..3) supplier of a part, as the spec spreads them.
int64_t part_supplier(int64_t partkey, int64_t i, int64_t suppliers) {
  return (partkey + i * (suppliers / 4 + (partkey - 1) / suppliers)) % suppliers + 1;
}

/// Sparse order keys: the first 8 of every 32.
int64_t order_key(int64_t index) { return (index / 8) * 32 + (index % 8) + 1; }

// ---- Tables ---------------------------------------------------------------

strata::Table region_table(const Context& context, Random& random) {
  IntBuilder key = int_builder();
  StringBuilder name, note;
  for (int64_t i = 0; i < static_cast<int64_t>(kRegions.size()); ++i) {
    key.append(i);
    name.append(kRegions[static_cast<size_t>(i)]);
    note.append(comment(context, random, 31, 115));
  }
  Columns columns;
  columns.add("r_regionkey", key.finish());
  columns.add("r_name", name.finish());
  columns.add("r_comment", note.finish());
  return columns.table();
}

strata::Table nation_table(const Context& context, Random& random) {
  IntBuilder key = int_builder(), region = int_builder();
  StringBuilder name, note;
  for (int64_t i = 0; i < static_cast<int64_t>(kNations.size()); ++i) {
    key.append(i);
    name.append(kNations[static_cast<size_t>(i)].name);
    region.append(kNations[static_cast<size_t>(i)].region);
    note.append(comment(context, random, 31, 114));
  }
  Columns columns;
  columns.add("n_nationkey", key.finish());
  columns.add("n_name", name.finish());
  columns.add("n_regionkey", region.finish());
  columns.add("n_comment", note.finish());
  return columns.table();
}

strata::Table supplier_table(const Context& context, Random& random, int64_t begin, int64_t end) {
  IntBuilder key = int_builder(), nation = int_builder();
  StringBuilder name, address, phones, note;
  MoneyBuilder balance = money_builder();
  for (int64_t k = begin + 1; k <= end; ++k) {
    key.append(k);
    name.append(numbered("Supplier", k));
    address.append(random_address(random));
    const int64_t n = random.uniform(0, 24);
    nation.append(n);
    phones.append(phone(random, n));
    balance.append(cents(random.uniform(-99999, 999999)));
    std::string text(comment(context, random, 25, 100));
    // 5 of every 10,000 suppliers have complaints, 5 recommendations: the
    // words are set into the comment at a random place, in this order.
    const int64_t draw = random.uniform(1, 10000);
    if (draw <= 10) {
      const std::string middle = draw <= 5 ? "Complaints" : "Recommends";
      const std::string inserted = "Customer " + std::string(comment(context, random, 0, 10)) + " " + middle;
      const auto at = static_cast<size_t>(random.uniform(0, static_cast<int64_t>(text.size())));
      text = text.substr(0, at) + inserted + text.substr(at);
      text.resize(std::min<size_t>(text.size(), 101));
      if (text.find(middle) == std::string::npos) text = inserted;
    }
    note.append(text);
  }
  Columns columns;
  columns.add("s_suppkey", key.finish());
  columns.add("s_name", name.finish());
  columns.add("s_address", address.finish());
  columns.add("s_nationkey", nation.finish());
  columns.add("s_phone", phones.finish());
  columns.add("s_acctbal", balance.finish());
  columns.add("s_comment", note.finish());
  return columns.table();
}

strata::Table customer_table(const Context& context, Random& random, int64_t begin, int64_t end) {
  IntBuilder key = int_builder(), nation = int_builder();
  StringBuilder name, address, phones, segment, note;
  MoneyBuilder balance = money_builder();
  for (int64_t k = begin + 1; k <= end; ++k) {
    key.append(k);
    name.append(numbered("Customer", k));
    address.append(random_address(random));
    const int64_t n = random.uniform(0, 24);
    nation.append(n);
    phones.append(phone(random, n));
    balance.append(cents(random.uniform(-99999, 999999)));
    segment.append(random.pick(kSegments));
    note.append(comment(context, random, 29, 116));
  }
  Columns columns;
  columns.add("c_custkey", key.finish());
  columns.add("c_name", name.finish());
  columns.add("c_address", address.finish());
  columns.add("c_nationkey", nation.finish());
  columns.add("c_phone", phones.finish());
  columns.add("c_acctbal", balance.finish());
  columns.add("c_mktsegment", segment.finish());
  columns.add("c_comment", note.finish());
  return columns.table();
}

strata::Table part_table(const Context& context, Random& random, int64_t begin, int64_t end) {
  IntBuilder key = int_builder(), size = int_builder();
  StringBuilder name, manufacturer, brand, type, container, note;
  MoneyBuilder price = money_builder();
  for (int64_t k = begin + 1; k <= end; ++k) {
    key.append(k);
    // Five distinct colour words.
    std::array<size_t, 5> words{};
    for (size_t w = 0; w < words.size(); ++w) {
      size_t candidate = 0;
      do {
        candidate = static_cast<size_t>(random.uniform(0, static_cast<int64_t>(kColors.size()) - 1));
      } while (std::find(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(w), candidate) !=
               words.begin() + static_cast<std::ptrdiff_t>(w));
      words[w] = candidate;
    }
    std::string text;
    for (size_t w = 0; w < words.size(); ++w) text += (w ? " " : "") + kColors[words[w]];
    name.append(text);
    const int64_t m = random.uniform(1, 5);
    manufacturer.append("Manufacturer#" + std::to_string(m));
    brand.append("Brand#" + std::to_string(m) + std::to_string(random.uniform(1, 5)));
    type.append(random.pick(kTypeSize) + " " + random.pick(kTypeFinish) + " " + random.pick(kTypeMaterial));
    size.append(random.uniform(1, 50));
    container.append(random.pick(kContainerSize) + " " + random.pick(kContainerKind));
    price.append(cents(retail_price_cents(k)));
    note.append(comment(context, random, 5, 22));
  }
  Columns columns;
  columns.add("p_partkey", key.finish());
  columns.add("p_name", name.finish());
  columns.add("p_mfgr", manufacturer.finish());
  columns.add("p_brand", brand.finish());
  columns.add("p_type", type.finish());
  columns.add("p_size", size.finish());
  columns.add("p_container", container.finish());
  columns.add("p_retailprice", price.finish());
  columns.add("p_comment", note.finish());
  return columns.table();
}

strata::Table partsupp_table(const Context& context, Random& random, int64_t begin, int64_t end) {
  IntBuilder part = int_builder(), supplier = int_builder(), available = int_builder();
  MoneyBuilder cost = money_builder();
  StringBuilder note;
  for (int64_t k = begin + 1; k <= end; ++k) {
    for (int64_t i = 0; i < 4; ++i) {
      part.append(k);
      supplier.append(part_supplier(k, i, context.suppliers));
      available.append(random.uniform(1, 9999));
      cost.append(cents(random.uniform(100, 100000)));
      note.append(comment(context, random, 49, 198));
    }
  }
  Columns columns;
  columns.add("ps_partkey", part.finish());
  columns.add("ps_suppkey", supplier.finish());
  columns.add("ps_availqty", available.finish());
  columns.add("ps_supplycost", cost.finish());
  columns.add("ps_comment", note.finish());
  return columns.table();
}

/// Orders [begin, end) by index and their line items.
std::pair<strata::Table, strata::Table> orders_and_lineitem_tables(const Context& context, Random& random,
                                                                   int64_t begin, int64_t end) {
  IntBuilder o_key = int_builder(), o_customer = int_builder(), o_ship_priority = int_builder();
  StringBuilder o_status, o_priority, o_clerk, o_comment;
  MoneyBuilder o_total = money_builder();
  DateBuilder o_date = date_builder();

  IntBuilder l_order = int_builder(), l_part = int_builder(), l_supplier = int_builder(),
             l_line = int_builder();
  MoneyBuilder l_quantity = money_builder(), l_price = money_builder(), l_discount = money_builder(),
               l_tax = money_builder();
  StringBuilder l_flag, l_status, l_instruct, l_mode, l_comment;
  DateBuilder l_ship = date_builder(), l_commit = date_builder(), l_receipt = date_builder();

  const int64_t clerks = std::max<int64_t>(1, static_cast<int64_t>(std::llround(context.scale * 1000)));
  for (int64_t index = begin; index < end; ++index) {
    const int64_t key = order_key(index);
    int64_t customer = 0;
    do {
      customer = random.uniform(1, context.customers);
    } while (customer % 3 == 0 && context.customers >= 3);
    const int32_t order_date = static_cast<int32_t>(random.uniform(kStartDate, kEndDate - 151));
    const int64_t lines = random.uniform(1, 7);
    int64_t total_cents = 0;
    int open_lines = 0;
    for (int64_t line = 1; line <= lines; ++line) {
      const int64_t part = random.uniform(1, context.parts);
      const int64_t supplier = part_supplier(part, random.uniform(0, 3), context.suppliers);
      const int64_t quantity = random.uniform(1, 50);
      const int64_t discount = random.uniform(0, 10);  // percent
      const int64_t tax = random.uniform(0, 8);        // percent
      const int64_t price_cents = quantity * retail_price_cents(part);
      const int32_t ship = order_date + static_cast<int32_t>(random.uniform(1, 121));
      const int32_t commit = order_date + static_cast<int32_t>(random.uniform(30, 90));
      const int32_t receipt = ship + static_cast<int32_t>(random.uniform(1, 30));
      l_order.append(key);
      l_part.append(part);
      l_supplier.append(supplier);
      l_line.append(line);
      l_quantity.append(static_cast<double>(quantity));
      l_price.append(cents(price_cents));
      l_discount.append(static_cast<double>(discount) / 100.0);
      l_tax.append(static_cast<double>(tax) / 100.0);
      if (receipt <= kCurrentDate) {
        l_flag.append(random.uniform(0, 1) ? "R" : "A");
      } else {
        l_flag.append("N");
      }
      const bool open = ship > kCurrentDate;
      open_lines += open ? 1 : 0;
      l_status.append(open ? "O" : "F");
      l_ship.append(ship);
      l_commit.append(commit);
      l_receipt.append(receipt);
      l_instruct.append(random.pick(kInstructions));
      l_mode.append(random.pick(kShipModes));
      l_comment.append(comment(context, random, 10, 43));
      // extendedprice * (1 + tax) * (1 - discount), in cents.
      total_cents += static_cast<int64_t>(
          std::llround(static_cast<double>(price_cents) * static_cast<double>(100 + tax) *
                       static_cast<double>(100 - discount) / 10000.0));
    }
    o_key.append(key);
    o_customer.append(customer);
    o_status.append(open_lines == lines ? "O" : (open_lines == 0 ? "F" : "P"));
    o_total.append(cents(total_cents));
    o_date.append(order_date);
    o_priority.append(random.pick(kPriorities));
    o_clerk.append(numbered("Clerk", random.uniform(1, clerks)));
    o_ship_priority.append(0);
    o_comment.append(comment(context, random, 19, 78));
  }
  Columns orders;
  orders.add("o_orderkey", o_key.finish());
  orders.add("o_custkey", o_customer.finish());
  orders.add("o_orderstatus", o_status.finish());
  orders.add("o_totalprice", o_total.finish());
  orders.add("o_orderdate", o_date.finish());
  orders.add("o_orderpriority", o_priority.finish());
  orders.add("o_clerk", o_clerk.finish());
  orders.add("o_shippriority", o_ship_priority.finish());
  orders.add("o_comment", o_comment.finish());
  Columns lineitem;
  lineitem.add("l_orderkey", l_order.finish());
  lineitem.add("l_partkey", l_part.finish());
  lineitem.add("l_suppkey", l_supplier.finish());
  lineitem.add("l_linenumber", l_line.finish());
  lineitem.add("l_quantity", l_quantity.finish());
  lineitem.add("l_extendedprice", l_price.finish());
  lineitem.add("l_discount", l_discount.finish());
  lineitem.add("l_tax", l_tax.finish());
  lineitem.add("l_returnflag", l_flag.finish());
  lineitem.add("l_linestatus", l_status.finish());
  lineitem.add("l_shipdate", l_ship.finish());
  lineitem.add("l_commitdate", l_commit.finish());
  lineitem.add("l_receiptdate", l_receipt.finish());
  lineitem.add("l_shipinstruct", l_instruct.finish());
  lineitem.add("l_shipmode", l_mode.finish());
  lineitem.add("l_comment", l_comment.finish());
  return {orders.table(), lineitem.table()};
}

// ---- Parts and writing ------------------------------------------------------

enum class TableKind { Region, Nation, Supplier, Customer, Part, PartSupp, OrdersLineitem };

/// One part file (two for orders + lineitem): rows [begin, end) of its
/// driving table.
struct Job {
  TableKind kind;
  int64_t part;
  int64_t begin;
  int64_t end;
};

void write_part(const std::string& output_dir, const std::string& table_name, int64_t part,
                const strata::Table& table) {
  const std::filesystem::path folder = std::filesystem::path(output_dir) / table_name;
  std::filesystem::create_directories(folder);
  char file[32];
  std::snprintf(file, sizeof file, "part-%03lld.parquet", static_cast<long long>(part));
  strata::ParquetWriteOptions options;
  options.row_group_size = int64_t{1} << 17;
  options.parallel = false;  // the parts run in parallel instead
  strata::write_parquet_table(table, (folder / file).string(), options);
}

void run_job(const Context& context, const Job& job, const std::string& output_dir) {
  Random random(context.seed * 1000003 + static_cast<uint64_t>(job.kind) * 100000 +
                static_cast<uint64_t>(job.part));
  switch (job.kind) {
    case TableKind::Region:
      write_part(output_dir, "region", 0, region_table(context, random));
      break;
    case TableKind::Nation:
      write_part(output_dir, "nation", 0, nation_table(context, random));
      break;
    case TableKind::Supplier:
      write_part(output_dir, "supplier", job.part, supplier_table(context, random, job.begin, job.end));
      break;
    case TableKind::Customer:
      write_part(output_dir, "customer", job.part, customer_table(context, random, job.begin, job.end));
      break;
    case TableKind::Part:
      write_part(output_dir, "part", job.part, part_table(context, random, job.begin, job.end));
      break;
    case TableKind::PartSupp:
      write_part(output_dir, "partsupp", job.part, partsupp_table(context, random, job.begin, job.end));
      break;
    case TableKind::OrdersLineitem: {
      auto [orders, lineitem] = orders_and_lineitem_tables(context, random, job.begin, job.end);
      write_part(output_dir, "orders", job.part, orders);
      write_part(output_dir, "lineitem", job.part, lineitem);
      break;
    }
  }
}

void add_jobs(std::vector<Job>& jobs, TableKind kind, int64_t rows, int64_t rows_per_part) {
  const int64_t parts = std::max<int64_t>(1, (rows + rows_per_part - 1) / rows_per_part);
  for (int64_t p = 0; p < parts; ++p) {
    jobs.push_back({kind, p, rows * p / parts, rows * (p + 1) / parts});
  }
}

[[noreturn]] void usage(const char* message) {
  std::fprintf(stderr,
               "generate_tpch: %s\nusage: generate_tpch --scale-factor SF [--seed N] [--output-dir DIR]\n",
               message);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  double scale = 0;
  uint64_t seed = 19920101;
  std::string output_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (i + 1 >= argc) usage(("missing value after " + argument).c_str());
    const std::string value = argv[++i];
    if (argument == "--scale-factor") {
      scale = std::strtod(value.c_str(), nullptr);
    } else if (argument == "--seed") {
      seed = std::strtoull(value.c_str(), nullptr, 10);
    } else if (argument == "--output-dir") {
      output_dir = value;
    } else {
      usage(("unknown option " + argument).c_str());
    }
  }
  if (!(scale > 0)) usage("--scale-factor must be a positive number");
  if (output_dir.empty()) {
    char name[64];
    std::snprintf(name, sizeof name, "bench/data/tpch-sf%g", scale);
    output_dir = name;
  }
  try {
    Context context;
    context.scale = scale;
    context.seed = seed;
    context.suppliers = std::max<int64_t>(4, std::llround(10000 * scale));
    context.parts = std::max<int64_t>(1, std::llround(200000 * scale));
    context.customers = std::max<int64_t>(3, std::llround(150000 * scale));
    context.orders = std::max<int64_t>(1, std::llround(1500000 * scale));
    context.text_pool = make_text_pool(seed, size_t{8} << 20);

    // A fresh folder: stale part files of another scale would be read too.
    const std::string staging = output_dir + ".partial";
    std::filesystem::remove_all(staging);
    std::vector<Job> jobs;
    // Orders first: they are the longest jobs.
    add_jobs(jobs, TableKind::OrdersLineitem, context.orders, 150000);
    add_jobs(jobs, TableKind::PartSupp, context.parts, 50000);
    add_jobs(jobs, TableKind::Part, context.parts, 200000);
    add_jobs(jobs, TableKind::Customer, context.customers, 75000);
    add_jobs(jobs, TableKind::Supplier, context.suppliers, 100000);
    jobs.push_back({TableKind::Nation, 0, 0, 25});
    jobs.push_back({TableKind::Region, 0, 0, 5});
    strata::ThreadPool::global().parallel_for(static_cast<int64_t>(jobs.size()), [&](int64_t j) {
      run_job(context, jobs[static_cast<size_t>(j)], staging);
    });
    // The queries' parameters depend on it (q11's fraction is 0.0001 / SF).
    if (FILE* file = std::fopen((staging + "/scale_factor").c_str(), "w")) {
      std::fprintf(file, "%g\n", scale);
      std::fclose(file);
    }
    std::filesystem::remove_all(output_dir);
    std::filesystem::rename(staging, output_dir);
    std::printf("%s\n", output_dir.c_str());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_tpch: %s\n", error.what());
    return 1;
  }
  return 0;
}
