#pragma once
// What the dataset generators (generate_*.cpp) share: a seeded random
// stream, a fast CSV line writer, argument parsing and the H2O file naming.
// Header-only: the generators stand alone, without the Strata library.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dataset_writing {

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

/// Parses counts written as integers or as powers like "1e7" / "2.5e6".
inline int64_t parse_count(const std::string& name, const std::string& text) {
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
inline int parse_percent(const std::string& name, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0' || value < 0 || value > 100) {
    throw std::invalid_argument(name + " must be a whole number from 0 to 100, got '" + text + "'");
  }
  return static_cast<int>(value);
}

/// A count in the short form of the H2O file names: powers of ten times a
/// small mantissa as "1e7", anything else in full.
inline std::string short_count(int64_t value) {
  int exponent = 0;
  int64_t rest = value;
  while (rest % 10 == 0 && rest > 1) {
    rest /= 10;
    ++exponent;
  }
  if (exponent == 0) return std::to_string(value);
  return std::to_string(rest) + "e" + std::to_string(exponent);
}

/// Writes a file atomically: `write(file)` fills a temporary file next to
/// `target`, which is renamed over it only when complete, so an interrupted
/// run never leaves a truncated dataset behind.
inline void write_atomically(const std::filesystem::path& target, const std::function<void(std::FILE*)>& write) {
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  const std::filesystem::path temporary = target.string() + ".partial";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) throw std::runtime_error("cannot create " + temporary.string() + ": " + std::strerror(errno));
  try {
    write(file);
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
}

}  // namespace dataset_writing
