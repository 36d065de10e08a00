// Writes the H2O.ai db-benchmark group-by dataset "G1" as CSV:
//
//   id1,id2  strings "id001".."id<K>"          (K groups each)
//   id3      strings "id0000000001".."id<N/K>" (N/K groups)
//   id4,id5  integers 1..K
//   id6      integer  1..N/K
//   v1       integer  1..5
//   v2       integer  1..15
//   v3       float in [0, 100) with 6 decimals, printed like "%.6f"
//
// The same arguments always give the same bytes (fixed-seed xoshiro256**).
// With a null percentage p, as in the original generator, p% of the distinct
// values of each id column become null (every row holding them), and each v
// column is null in p% of the rows (drawn independently per row). Nulls are
// empty fields. The file is written under a temporary name and renamed when
// complete, so an interrupted run never leaves a truncated dataset behind.
//
// Usage: generate_groupby --rows 1e7 [--groups 100] [--nulls-percent 0]
//                         [--seed 108] [--output-dir bench/data | --output FILE]
// Prints the path of the written file.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Options {
  int64_t rows = 0;
  int64_t groups = 100;
  int nulls_percent = 0;
  uint64_t seed = 108;
  std::string output_dir = "bench/data";
  std::string output_file;  // overrides output_dir when set
};

/// xoshiro256** seeded through splitmix64: fast, and with enough state that
/// the columns drawn from one stream show no visible correlation.
class Random {
 public:
  explicit Random(uint64_t seed) {
    for (uint64_t& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// Uniform in [0, bound), without modulo bias (Lemire's multiply-shift
  /// with rejection of the short first interval).
  uint64_t below(uint64_t bound) {
    unsigned __int128 product = static_cast<unsigned __int128>(next()) * bound;
    auto low = static_cast<uint64_t>(product);
    if (low < bound) {
      const uint64_t threshold = (0 - bound) % bound;
      while (low < threshold) {
        product = static_cast<unsigned __int128>(next()) * bound;
        low = static_cast<uint64_t>(product);
      }
    }
    return static_cast<uint64_t>(product >> 64);
  }

  /// Uniform in [1, bound].
  int64_t one_to(int64_t bound) { return static_cast<int64_t>(below(static_cast<uint64_t>(bound))) + 1; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

/// Appends to a large buffer and flushes it with fwrite when full; all
/// formatting is done by hand because snprintf would dominate the run time.
class CsvWriter {
 public:
  explicit CsvWriter(std::FILE* file) : file_(file), buffer_(kCapacity) {}

  void reserve_line() {
    if (size_ + kMaxLine > kCapacity) flush();
  }
  void put(char c) { buffer_[size_++] = c; }
  void put(const char* text, size_t length) {
    std::memcpy(buffer_.data() + size_, text, length);
    size_ += length;
  }
  /// Writes `value` (non-negative) as decimal, left-padded with zeros to
  /// `width` digits.
  void put_unsigned(uint64_t value, int width = 1) {
    char digits[20];
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    for (int i = count; i < width; ++i) put('0');
    while (count > 0) put(digits[--count]);
  }
  /// Writes micro_units / 1e6 exactly as "%.6f" would print that decimal.
  void put_fixed6(uint64_t micro_units) {
    put_unsigned(micro_units / 1000000);
    put('.');
    put_unsigned(micro_units % 1000000, 6);
  }

  void flush() {
    if (size_ == 0) return;
    if (std::fwrite(buffer_.data(), 1, size_, file_) != size_) {
      throw std::runtime_error(std::string("cannot write the CSV file: ") + std::strerror(errno));
    }
    size_ = 0;
  }

 private:
  static constexpr size_t kCapacity = size_t{1} << 22;
  static constexpr size_t kMaxLine = 256;  // far above the longest row
  std::FILE* file_;
  std::vector<char> buffer_;
  size_t size_ = 0;
};

/// Marks `percent`% of the values 1..count as null, chosen at random: the
/// original generator nulls whole id values, not single cells.
std::vector<bool> choose_null_values(int64_t count, int percent, Random& random) {
  std::vector<bool> is_null(static_cast<size_t>(count) + 1, false);
  const int64_t null_values = count * percent / 100;
  std::vector<int64_t> values(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) values[static_cast<size_t>(i)] = i + 1;
  for (int64_t i = 0; i < null_values; ++i) {  // partial Fisher-Yates shuffle
    const auto j = i + static_cast<int64_t>(random.below(static_cast<uint64_t>(count - i)));
    std::swap(values[static_cast<size_t>(i)], values[static_cast<size_t>(j)]);
    is_null[static_cast<size_t>(values[static_cast<size_t>(i)])] = true;
  }
  return is_null;
}

/// Parses counts written as integers or as powers like "1e7" / "2.5e6".
int64_t parse_count(const std::string& name, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end == text.c_str() || *end != '\0' || value < 1 || value > 1e12 ||
      value != std::floor(value)) {
    throw std::invalid_argument(name + " must be a positive whole number such as 1000000 or 1e7, got '" + text + "'");
  }
  return static_cast<int64_t>(value);
}

/// Parses a whole percentage 0..100.
int parse_percent(const std::string& name, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0' || value < 0 || value > 100) {
    throw std::invalid_argument(name + " must be a whole number from 0 to 100, got '" + text + "'");
  }
  return static_cast<int>(value);
}

/// The H2O file name "G1_<rows>_<groups>_<nulls>_0.csv", with counts that
/// are powers of ten written as "1e7".
std::string dataset_name(const Options& options) {
  auto short_count = [](int64_t value) {
    int exponent = 0;
    int64_t rest = value;
    while (rest % 10 == 0 && rest > 1) {
      rest /= 10;
      ++exponent;
    }
    if (exponent == 0) return std::to_string(value);
    return std::to_string(rest) + "e" + std::to_string(exponent);
  };
  return "G1_" + short_count(options.rows) + "_" + short_count(options.groups) + "_" +
         std::to_string(options.nulls_percent) + "_0.csv";
}

Options parse_arguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("option " + flag + " needs a value");
    const std::string value = argv[++i];
    if (flag == "--rows") {
      options.rows = parse_count(flag, value);
    } else if (flag == "--groups") {
      options.groups = parse_count(flag, value);
    } else if (flag == "--nulls-percent") {
      options.nulls_percent = parse_percent(flag, value);
    } else if (flag == "--seed") {
      options.seed = static_cast<uint64_t>(parse_count(flag, value));
    } else if (flag == "--output-dir") {
      options.output_dir = value;
    } else if (flag == "--output") {
      options.output_file = value;
    } else {
      throw std::invalid_argument("unknown option " + flag +
                                  "; expected --rows, --groups, --nulls-percent, --seed, --output-dir or --output");
    }
  }
  if (options.rows == 0) throw std::invalid_argument("--rows is required, e.g. --rows 1e7");
  if (options.rows < options.groups) {
    throw std::invalid_argument("--rows (" + std::to_string(options.rows) + ") must be at least --groups (" +
                                std::to_string(options.groups) + ")");
  }
  return options;
}

void write_dataset(const Options& options, std::FILE* file) {
  const int64_t k = options.groups;
  const int64_t n_over_k = options.rows / k;
  Random random(options.seed);

  // Null choices come from their own stream so that the non-null values are
  // identical with and without nulls.
  Random null_random(options.seed ^ 0x5bd1e995ULL);
  const int percent = options.nulls_percent;
  std::vector<bool> no_nulls_k(static_cast<size_t>(k) + 1, false);
  std::vector<bool> no_nulls_nk(static_cast<size_t>(n_over_k) + 1, false);
  std::vector<bool> null_id[6] = {
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(n_over_k, percent, null_random) : no_nulls_nk,
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(n_over_k, percent, null_random) : no_nulls_nk,
  };
  // A row's v value is null when a draw below 2^32 falls under this threshold.
  const uint64_t value_null_threshold = (uint64_t{1} << 32) * static_cast<uint64_t>(percent) / 100;
  auto value_is_null = [&] { return percent != 0 && (null_random.next() >> 32) < value_null_threshold; };

  CsvWriter out(file);
  static const char kHeader[] = "id1,id2,id3,id4,id5,id6,v1,v2,v3\n";
  out.put(kHeader, sizeof(kHeader) - 1);

  auto put_id_string = [&](int column, int64_t value, int width) {
    if (null_id[column][static_cast<size_t>(value)]) return;
    out.put("id", 2);
    out.put_unsigned(static_cast<uint64_t>(value), width);
  };
  auto put_id_integer = [&](int column, int64_t value) {
    if (null_id[column][static_cast<size_t>(value)]) return;
    out.put_unsigned(static_cast<uint64_t>(value));
  };

  for (int64_t row = 0; row < options.rows; ++row) {
    // Draw every value in a fixed order whatever is null, so that a row's
    // values do not depend on the null settings.
    const int64_t id1 = random.one_to(k), id2 = random.one_to(k), id3 = random.one_to(n_over_k);
    const int64_t id4 = random.one_to(k), id5 = random.one_to(k), id6 = random.one_to(n_over_k);
    const int64_t v1 = random.one_to(5), v2 = random.one_to(15);
    const uint64_t v3_micro = random.below(100'000'000);

    out.reserve_line();
    put_id_string(0, id1, 3);
    out.put(',');
    put_id_string(1, id2, 3);
    out.put(',');
    put_id_string(2, id3, 10);
    out.put(',');
    put_id_integer(3, id4);
    out.put(',');
    put_id_integer(4, id5);
    out.put(',');
    put_id_integer(5, id6);
    out.put(',');
    if (!value_is_null()) out.put_unsigned(static_cast<uint64_t>(v1));
    out.put(',');
    if (!value_is_null()) out.put_unsigned(static_cast<uint64_t>(v2));
    out.put(',');
    if (!value_is_null()) out.put_fixed6(v3_micro);
    out.put('\n');
  }
  out.flush();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_arguments(argc, argv);
    std::filesystem::path target = options.output_file.empty()
                                       ? std::filesystem::path(options.output_dir) / dataset_name(options)
                                       : std::filesystem::path(options.output_file);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
    const std::filesystem::path temporary = target.string() + ".partial";

    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) {
      throw std::runtime_error("cannot create " + temporary.string() + ": " + std::strerror(errno));
    }
    try {
      write_dataset(options, file);
    } catch (...) {
      std::fclose(file);
      std::filesystem::remove(temporary);
      throw;
    }
    if (std::fclose(file) != 0) {
      std::filesystem::remove(temporary);
      throw std::runtime_error("cannot finish writing " + temporary.string() + ": " + std::strerror(errno));
    }
    std::filesystem::rename(temporary, target);
    std::printf("%s\n", target.c_str());
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_groupby: %s\n", error.what());
    return 2;
  }
}
