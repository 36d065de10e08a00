// libFuzzer target for the Parquet reader: any input must either read or
// throw a strata::Error — never crash, hang, leak or trip a sanitizer. When
// a small input reads, it must also survive a write/read round trip with
// the same values. See fuzz/CMakeLists.txt for how to build and run it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "strata/core/error.hpp"
#include "strata/io/parquet.hpp"

namespace {

// Renders every value, so that all buffers are touched.
std::string render(const strata::Table& table) {
  std::string out;
  for (const auto& column : table.columns())
    for (const auto& chunk : column.chunks())
      for (int64_t i = 0; i < chunk.length(); ++i) out += chunk.value_to_string(i) + "\n";
  return out;
}

// Valid files can be decompression bombs (a few KB of Brotli standing for
// gigabytes of strings); reading them is slow, not wrong, so the target
// skips inputs whose footer promises more than this many decoded bytes.
constexpr int64_t kMaxUncompressedBytes = int64_t{64} << 20;

bool too_large(const strata::ParquetFileMetadata& metadata) {
  int64_t total = 0;  // each term is capped, so the sum cannot overflow
  for (const auto& group : metadata.row_groups) {
    for (const auto& chunk : group.columns) {
      total += std::clamp<int64_t>(chunk.uncompressed_size, 0, kMaxUncompressedBytes + 1);
      if (total > kMaxUncompressedBytes) return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  strata::ParquetReadOptions options;
  options.parallel = false;  // one thread: reproducible, and cheaper per input
  try {
    const strata::ParquetFile file = strata::ParquetFile::from_buffer(std::string(bytes), "fuzz", options);
    if (too_large(file.metadata())) return 0;
    (void)file.select_row_groups({{file.schema().size() > 0 ? file.schema().field(0).name : "x",
                                   strata::ParquetPredicate::Op::Greater, strata::Scalar::int64(0)}});
    const strata::Table table = file.read();
    if (table.num_rows() > 2000) return 0;
    const std::string first = render(table);
    strata::ParquetWriteOptions write;
    write.parallel = false;
    const std::string rewritten = strata::write_parquet_table_to_buffer(table, write);
    const strata::Table again = strata::read_parquet_table_from_buffer(rewritten, options);
    if (render(again) != first) __builtin_trap();  // a round trip changed values
    if (table.num_columns() > 0) {
      // The scan's row filter keeps at most the rows whose first column is set
      // (fewer when lying statistics prune a row group).
      strata::ParquetReadOptions filtered = options;
      filtered.filter = {
          {table.schema().field(0).name, strata::ParquetPredicate::Op::IsNotNull, strata::Scalar()}};
      const strata::Table kept = strata::read_parquet_table_from_buffer(bytes, filtered, "fuzz");
      if (kept.num_rows() > table.num_rows() - table.column(0).null_count()) __builtin_trap();
      (void)render(kept);
    }
  } catch (const strata::Error&) {
    // Expected for malformed input.
  }
  return 0;
}
