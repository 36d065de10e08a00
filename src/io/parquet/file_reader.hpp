#pragma once
// The state behind strata::ParquetFile: the mapped file, its decoded footer
// and read tree, and the decoding of one (row group, column) pair — the
// unit of parallel work. Immutable after open(), so any number of threads
// may read from one instance.
#include <memory>
#include <string>
#include <vector>

#include "io/parquet/file_source.hpp"
#include "io/parquet/parquet_format.hpp"
#include "io/parquet/schema_tree.hpp"
#include "io/parquet/statistics_reader.hpp"
#include "strata/io/parquet.hpp"

namespace strata {

/// Larger dictionaries are not read for pruning: decoding them would cost
/// more than the row groups they might rule out.
inline constexpr int64_t kMaxPruningDictionaryEntries = 4096;

struct ParquetFile::Impl {
  /// Parses the footer of `source`; `name` is used in messages.
  Impl(std::shared_ptr<const parquet::FileSource> source, std::string name, const ParquetReadOptions& options);

  /// Index of a top-level column by name; throws SchemaError with a hint.
  int column_index(const std::string& name) const;
  /// Column indices for a list of names (empty = all).
  std::vector<int> column_indices(const std::vector<std::string>& names) const;
  /// Decodes one column of one row group, or only its `rows` (ascending
  /// indices below the row group's row count; for a flat dictionary-encoded
  /// column only those values are gathered). Throws with the file, row
  /// group and column named in the message.
  Array read_column(int row_group, int column, const std::vector<int64_t>* rows = nullptr) const;
  /// The rows of one row group that satisfy every predicate of `filter`,
  /// for the given columns: the predicates' columns are decoded first, the
  /// others only when some row matches. Empty arrays when none does.
  std::vector<Array> read_matching_rows(int row_group, const std::vector<int>& columns,
                                        const std::vector<ParquetPredicate>& filter) const;
  /// Statistics of a flat top-level column in a row group (empty when the
  /// column is nested or has none).
  parquet::DecodedStatistics column_statistics(int row_group, int column) const;
  void check_row_group(int row_group) const;
  /// Row groups whose statistics do not rule out every predicate, nor their
  /// dictionaries an equality (a chunk whose data pages are all
  /// dictionary-encoded, and whose dictionary has no entry equal to the
  /// value, holds no matching row).
  std::vector<int> select_row_groups(const std::vector<ParquetPredicate>& predicates) const;
  /// Whether the dictionary of a flat column's chunk leaves `predicate`
  /// possible (true when it cannot tell: no dictionary, not every page
  /// dictionary-encoded, more than kMaxPruningDictionaryEntries entries,
  /// not an equality).
  bool dictionary_may_match(int row_group, int column, const ParquetPredicate& predicate) const;

  std::string name;
  std::shared_ptr<const parquet::FileSource> source;
  ParquetReadOptions options;
  parquet::FileMetaData footer;
  parquet::FileSchema tree;
  ParquetFileMetadata metadata;
  size_t data_end = 0;  // where the footer starts; column data lies before it

 private:
  Array read_column_unchecked(int row_group, int column, const std::vector<int64_t>* rows) const;
  /// Where a chunk's pages lie (dictionary page included); throws when
  /// outside the file's data.
  std::pair<int64_t, int64_t> chunk_bytes(const parquet::ColumnMetaData& meta, const std::string& path) const;
  void apply_stored_schema();
  void apply_categorical_columns();
  void build_public_metadata();
};

/// Reads the given (row group, column) pairs of several files into one table
/// with the columns' schema, decoding on the thread pool when `parallel`.
/// `row_groups[f]` lists the row groups of file f; `columns[f]` its column
/// indices (same names and types in every file). With a `filter`, each row
/// group is one task that keeps only the matching rows (read_matching_rows).
Table read_row_groups(const std::vector<std::shared_ptr<const ParquetFile::Impl>>& files,
                      const std::vector<std::vector<int>>& row_groups,
                      const std::vector<std::vector<int>>& columns, const Schema& schema, bool parallel,
                      const std::vector<ParquetPredicate>& filter = {});

}  // namespace strata
