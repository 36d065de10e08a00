// Writes tables as CSV: rows are formatted in batches in parallel (each
// column of a batch at once), then written in order.
#include <algorithm>
#include <array>
#include <functional>

#include "io/csv/atomic_file_writer.hpp"
#include "io/csv/csv_value_formatter.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/io/csv.hpp"

namespace strata {

namespace {

using namespace csv;

constexpr int64_t kRowsPerBatch = 1 << 16;

void validate_write_options(const CsvWriteOptions& options) {
  const auto bad = [](char c) { return c == '\n' || c == '\r' || c == '\0'; };
  if (bad(options.delimiter) || bad(options.quote) || options.delimiter == options.quote)
    throw InvalidInputError(
        "invalid CSV write options: the delimiter and quote must be distinct characters other than line "
        "breaks and '\\0'. Hint: keep the defaults ',' and '\"'");
  if (options.line_terminator != "\n" && options.line_terminator != "\r\n")
    throw InvalidInputError("invalid CSV write options: line_terminator must be \"\\n\" or \"\\r\\n\"");
}

// Writes single fields, quoting them as the options require.
class CsvFieldWriter {
 public:
  explicit CsvFieldWriter(const CsvWriteOptions& options) : options_(options) {
    special_.fill(false);
    for (const char c : {options.delimiter, options.quote, '\n', '\r'}) special_[static_cast<uint8_t>(c)] = true;
  }

  /// Appends `value` at `out` (room for 2 * size + 2 bytes needed) and
  /// returns the end of what was written.
  char* write(std::string_view value, char* out) const {
    if (options_.quote_style == CsvQuoteStyle::Always) return write_quoted(value, out);
    if (options_.quote_style == CsvQuoteStyle::Necessary) {
      if (value == options_.null_value) return write_quoted(value, out);  // would read back as null
      if (!value.empty() && (value.front() == ' ' || value.back() == ' ')) return write_quoted(value, out);
    }
    // Copy while looking for characters that force quotes (the common case
    // is a short field without any).
    char* const start = out;
    for (const char c : value) {
      if (special_[static_cast<uint8_t>(c)] && options_.quote_style == CsvQuoteStyle::Necessary)
        return write_quoted(value, start);
      *out++ = c;
    }
    return out;
  }

  /// Upper bound of the bytes write() produces for a value of `size` bytes.
  static size_t max_size(size_t size) { return 2 * size + 2; }

  void append(std::string_view value, std::string& out) const {
    const size_t old_size = out.size();
    out.resize(old_size + max_size(value.size()));
    char* end = write(value, out.data() + old_size);
    out.resize(static_cast<size_t>(end - out.data()));
  }

 private:
  char* write_quoted(std::string_view value, char* out) const {
    *out++ = options_.quote;
    for (const char c : value) {
      if (c == options_.quote) *out++ = c;
      *out++ = c;
    }
    *out++ = options_.quote;
    return out;
  }

  const CsvWriteOptions& options_;
  std::array<bool, 256> special_;
};

std::string format_header(const Table& table, const CsvWriteOptions& options) {
  const CsvFieldWriter fields(options);
  std::string out;
  for (int64_t c = 0; c < table.num_columns(); ++c) {
    if (c > 0) out += options.delimiter;
    fields.append(table.schema().field(c).name, out);
  }
  out += options.line_terminator;
  return out;
}

// Per-task buffers, reused from one group of row ranges to the next.
struct RangeText {
  std::string text;
  std::vector<FormattedColumn> columns;
};

// Formats rows [begin, end) of every column (column by column, reading the
// chunks in place) and then interleaves them into rows.
void format_rows(const Table& table, int64_t begin, int64_t end, const CsvWriteOptions& options, RangeText& out) {
  const CsvFieldWriter fields(options);
  out.columns.resize(static_cast<size_t>(table.num_columns()));
  size_t bytes = 0;
  for (int64_t c = 0; c < table.num_columns(); ++c) {
    FormattedColumn& column = out.columns[static_cast<size_t>(c)];
    column.clear();
    const std::string& name = table.schema().field(c).name;
    int64_t chunk_start = 0;
    for (const Array& chunk : table.column(c).chunks()) {
      const int64_t chunk_end = chunk_start + chunk.length();
      if (chunk_end > begin && chunk_start < end)
        format_column(chunk, std::max(begin, chunk_start) - chunk_start, std::min(end, chunk_end) - chunk_start,
                      name, column);
      chunk_start = chunk_end;
      if (chunk_start >= end) break;
    }
    bytes += column.text.size() + static_cast<size_t>(end - begin);
  }
  // Room for the worst case: every field quoted with every byte doubled.
  const size_t rows = static_cast<size_t>(end - begin);
  const size_t fields_count = rows * out.columns.size();
  std::string& text = out.text;
  text.resize(2 * bytes + fields_count * (3 + options.null_value.size()) + rows * options.line_terminator.size());
  char* p = text.data();
  const std::string_view null_value = options.null_value;
  const std::string_view terminator = options.line_terminator;
  for (size_t row = 0; row < rows; ++row) {
    for (size_t c = 0; c < out.columns.size(); ++c) {
      if (c > 0) *p++ = options.delimiter;
      if (out.columns[c].null[row]) {
        p = std::copy(null_value.begin(), null_value.end(), p);
      } else {
        p = fields.write(out.columns[c].value(row), p);
      }
    }
    p = std::copy(terminator.begin(), terminator.end(), p);
  }
  text.resize(static_cast<size_t>(p - text.data()));
}

// Formats the table in groups of row ranges (parallel within a group) and
// hands each piece of text to `sink` in order, so memory stays bounded.
void write_table(const Table& table, const CsvWriteOptions& options,
                 const std::function<void(std::string_view)>& sink) {
  validate_write_options(options);
  if (options.include_header && table.num_columns() > 0) sink(format_header(table, options));
  const int64_t rows = table.num_rows();
  if (rows == 0) return;
  const int64_t ranges = (rows + kRowsPerBatch - 1) / kRowsPerBatch;
  const int64_t group = std::max(2, ThreadPool::global().size() * 2);
  std::vector<RangeText> texts(static_cast<size_t>(std::min(group, ranges)));
  for (int64_t first = 0; first < ranges; first += group) {
    const int64_t count = std::min(group, ranges - first);
    ThreadPool::global().parallel_for(count, [&](int64_t i) {
      const int64_t begin = (first + i) * kRowsPerBatch;
      format_rows(table, begin, std::min(rows, begin + kRowsPerBatch), options, texts[static_cast<size_t>(i)]);
    });
    for (int64_t i = 0; i < count; ++i) sink(texts[static_cast<size_t>(i)].text);
  }
}

}  // namespace

std::string write_csv_table_string(const Table& table, const CsvWriteOptions& options) {
  std::string out;
  write_table(table, options, [&](std::string_view text) { out += text; });
  return out;
}

void write_csv_table(const Table& table, const std::string& path, const CsvWriteOptions& options) {
  validate_write_options(options);
  AtomicFileWriter file(path);
  write_table(table, options, [&](std::string_view text) { file.write(text); });
  file.commit();
}

struct CsvWriter::Impl {
  Impl(const std::string& path, Schema schema, CsvWriteOptions options)
      : file(path), schema(std::move(schema)), options(std::move(options)) {}
  AtomicFileWriter file;
  Schema schema;
  CsvWriteOptions options;
  bool header_written = false;
  bool closed = false;
};

CsvWriter::CsvWriter(const std::string& path, Schema schema, CsvWriteOptions options) {
  validate_write_options(options);
  impl_ = std::make_unique<Impl>(path, std::move(schema), std::move(options));
}

CsvWriter::~CsvWriter() = default;

void CsvWriter::write(const Table& table) {
  if (impl_->closed) throw InvalidInputError("CsvWriter::write after close()");
  if (!(table.schema() == impl_->schema))
    throw SchemaError("CsvWriter::write: the rows' schema " + table.schema().to_string() +
                      " is not the writer's " + impl_->schema.to_string());
  CsvWriteOptions options = impl_->options;
  options.include_header = options.include_header && !impl_->header_written;
  write_table(table, options, [&](std::string_view text) { impl_->file.write(text); });
  impl_->header_written = true;
}

void CsvWriter::close() {
  if (impl_->closed) return;
  if (!impl_->header_written) write(Table(impl_->schema, [&] {
        std::vector<ChunkedArray> columns;
        for (const Field& field : impl_->schema.fields()) columns.push_back(ChunkedArray(field.type, {}));
        return columns;
      }()));
  impl_->file.commit();
  impl_->closed = true;
}

}  // namespace strata
