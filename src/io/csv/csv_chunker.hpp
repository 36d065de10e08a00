#pragma once
// Splits CSV input into chunks for parallel parsing, at line breaks that are
// record boundaries if quotes are balanced RFC 4180 style: a line break ends
// a record when an even number of quote characters precede it. Each nominal
// chunk is scanned in parallel once, noting its quote parity and its first
// line break after an even and after an odd number of its own quotes; a
// sequential pass over the chunks then picks, for each, the break that
// matches the parity of everything before it.
//
// The guess is wrong only for input the quote-parity rule does not describe
// (escaped quotes, quotes in comment lines, malformed quoting). The chunk
// parser detects that (a record running past its chunk end) and the reader
// re-reads from there sequentially.
#include <cstdint>
#include <vector>

namespace strata::csv {

struct ByteRange {
  const char* begin;
  const char* end;
};

/// Ranges covering [begin, end) in order, each starting at the beginning of
/// the input or just after a line break. `quote` '\0' means no quoting.
std::vector<ByteRange> split_into_chunks(const char* begin, const char* end, char quote, int64_t chunk_bytes);

}  // namespace strata::csv
