// Reads TZif files (RFC 8536), versions 1 to 4. Every count is checked against
// the bytes that remain before anything is read, so a truncated or corrupt
// file is an error, never a read past the buffer.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/internal/zone_rules.hpp"

namespace strata::detail {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  size_t remaining() const { return bytes_.size() - pos_; }

  std::string_view take(uint64_t size, const char* what) {
    if (size > remaining()) {
      throw std::invalid_argument(std::string("truncated: the file ends inside the ") + what);
    }
    const std::string_view out = bytes_.substr(pos_, static_cast<size_t>(size));
    pos_ += static_cast<size_t>(size);
    return out;
  }
  uint32_t u32(const char* what) { return static_cast<uint32_t>(big_endian(take(4, what))); }
  int32_t i32(const char* what) { return static_cast<int32_t>(u32(what)); }
  int64_t i64(const char* what) { return static_cast<int64_t>(big_endian(take(8, what))); }
  uint8_t u8(const char* what) { return static_cast<uint8_t>(take(1, what)[0]); }

 private:
  static uint64_t big_endian(std::string_view bytes) {
    uint64_t value = 0;
    for (const char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
    return value;
  }

  std::string_view bytes_;
  size_t pos_ = 0;
};

struct Header {
  char version = 0;  // 0 for version 1, else '2', '3', '4', ...
  uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;

  /// Bytes of the data block that follows, with `time_size`-byte times.
  uint64_t block_size(uint64_t time_size) const {
    return uint64_t{timecnt} * (time_size + 1) + uint64_t{typecnt} * 6 + charcnt +
           uint64_t{leapcnt} * (time_size + 4) + isstdcnt + isutcnt;
  }
};

Header read_header(Reader& reader) {
  if (reader.take(4, "header") != "TZif") throw std::invalid_argument("not a TZif file (bad magic)");
  Header header;
  header.version = static_cast<char>(reader.u8("header"));
  if (header.version != 0 && (header.version < '2' || header.version > '9')) {
    throw std::invalid_argument("unknown TZif version byte " + std::to_string(static_cast<uint8_t>(header.version)));
  }
  reader.take(15, "header");
  header.isutcnt = reader.u32("header");
  header.isstdcnt = reader.u32("header");
  header.leapcnt = reader.u32("header");
  header.timecnt = reader.u32("header");
  header.typecnt = reader.u32("header");
  header.charcnt = reader.u32("header");
  return header;
}

ZoneRules read_block(Reader& reader, const Header& header, int time_size) {
  if (header.typecnt == 0) throw std::invalid_argument("no local time types");
  if (header.typecnt > 256) throw std::invalid_argument("more than 256 local time types");
  if (header.charcnt == 0) throw std::invalid_argument("no time zone designations");
  if (header.isstdcnt != 0 && header.isstdcnt != header.typecnt) {
    throw std::invalid_argument("standard/wall indicator count differs from the type count");
  }
  if (header.isutcnt != 0 && header.isutcnt != header.typecnt) {
    throw std::invalid_argument("UT/local indicator count differs from the type count");
  }
  if (header.block_size(time_size) > reader.remaining()) {
    throw std::invalid_argument("truncated: the data block needs " +
                                std::to_string(header.block_size(time_size)) + " bytes, " +
                                std::to_string(reader.remaining()) + " remain");
  }

  ZoneRules rules;
  rules.transition_times.reserve(header.timecnt);
  for (uint32_t i = 0; i < header.timecnt; ++i) {
    const int64_t time = time_size == 8 ? reader.i64("transition times") : reader.i32("transition times");
    if (!rules.transition_times.empty() && time <= rules.transition_times.back()) {
      throw std::invalid_argument("transition times are not in ascending order");
    }
    rules.transition_times.push_back(time);
  }
  rules.transition_types.reserve(header.timecnt);
  for (uint32_t i = 0; i < header.timecnt; ++i) {
    const uint8_t type = reader.u8("transition types");
    if (type >= header.typecnt) throw std::invalid_argument("a transition names a local time type that does not exist");
    rules.transition_types.push_back(type);
  }

  struct RawType {
    int32_t utoff;
    uint8_t is_dst, designation;
  };
  std::vector<RawType> raw_types;
  for (uint32_t i = 0; i < header.typecnt; ++i) {
    RawType raw{reader.i32("local time types"), reader.u8("local time types"), reader.u8("local time types")};
    if (raw.utoff < -kMaxUtcOffset || raw.utoff > kMaxUtcOffset) {
      throw std::invalid_argument("UT offset " + std::to_string(raw.utoff) + " s is out of range");
    }
    if (raw.is_dst > 1) throw std::invalid_argument("DST flag is neither 0 nor 1");
    if (raw.designation >= header.charcnt) throw std::invalid_argument("designation index out of range");
    raw_types.push_back(raw);
  }
  const std::string_view designations = reader.take(header.charcnt, "time zone designations");
  for (const RawType& raw : raw_types) {
    const std::string_view rest = designations.substr(raw.designation);
    const size_t end = rest.find('\0');
    if (end == std::string_view::npos) throw std::invalid_argument("a time zone designation is not terminated");
    rules.types.push_back({raw.utoff, raw.is_dst == 1, std::string(rest.substr(0, end))});
  }
  // Leap-second records and the standard/wall and UT/local indicators matter only to
  // readers that count leap seconds or rebuild POSIX rules; skip them.
  reader.take(uint64_t{header.leapcnt} * (time_size + 4), "leap-second records");
  reader.take(header.isstdcnt, "standard/wall indicators");
  reader.take(header.isutcnt, "UT/local indicators");
  return rules;
}

}  // namespace

ZoneRules parse_tzif(std::string_view bytes) {
  Reader reader(bytes);
  const Header first = read_header(reader);
  if (first.version == 0) return read_block(reader, first, 4);

  // Version 2 and later repeat the header and data with 64-bit times, then a TZ string footer.
  reader.take(first.block_size(4), "version 1 data block");
  const Header second = read_header(reader);
  if (second.version == 0) throw std::invalid_argument("the second header says version 1");
  ZoneRules rules = read_block(reader, second, 8);
  if (reader.take(1, "footer") != "\n") throw std::invalid_argument("the footer does not start with a newline");
  std::string footer;
  for (;;) {
    const char c = reader.take(1, "footer")[0];
    if (c == '\n') break;
    footer += c;
  }
  if (!footer.empty()) {
    rules.footer = parse_posix_rule(footer);
    if (!rules.footer) throw std::invalid_argument("invalid TZ string in the footer: '" + footer + "'");
  }
  return rules;
}

const LocalTimeType& ZoneRules::type_at(int64_t utc_seconds) const {
  if (transition_times.empty()) return footer ? posix_type_at(*footer, utc_seconds) : types.front();
  // Before the first transition: time type 0 (RFC 8536 section 3.2).
  if (utc_seconds < transition_times.front()) return types.front();
  if (footer && utc_seconds > transition_times.back()) return posix_type_at(*footer, utc_seconds);
  const auto next = std::upper_bound(transition_times.begin(), transition_times.end(), utc_seconds);
  return types[transition_types[static_cast<size_t>(next - transition_times.begin()) - 1]];
}

std::vector<int64_t> ZoneRules::changes_between(int64_t lo, int64_t hi) const {
  std::vector<int64_t> changes;
  auto it = std::upper_bound(transition_times.begin(), transition_times.end(), lo);
  for (; it != transition_times.end() && *it <= hi; ++it) changes.push_back(*it);
  if (footer) {
    const int64_t footer_from = transition_times.empty() ? lo : std::max(lo, transition_times.back());
    append_posix_changes(*footer, footer_from, hi, changes);
  }
  return changes;
}

}  // namespace strata::detail
