// Resolving a scan's source when the query is built: files listed, Parquet
// footers opened, hive partition columns typed, the schema fixed.
#include "strata/plan/scan_source.hpp"

#include <algorithm>

#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"
#include "strata/core/value_parse.hpp"
#include "strata/io/file_listing.hpp"

namespace strata::plan {

Schema ScanSource::schema() const {
  // Nullable throughout, as a DataFrame's schema is: the plan's schemas
  // compare equal to those of the frames the executor produces.
  std::vector<Field> fields;
  for (const Field& field : file_schema.fields()) fields.push_back(Field{field.name, field.type, true});
  for (const Field& field : hive_schema.fields()) fields.push_back(Field{field.name, field.type, true});
  return Schema(std::move(fields));
}

std::optional<int64_t> ScanSource::known_rows() const {
  if (format == SourceFormat::Frame) return frame->height();
  int64_t total = 0;
  for (const ScanFile& file : files) {
    if (file.rows < 0) return std::nullopt;
    total += file.rows;
  }
  return total;
}

namespace {

// The narrowest of i64, f64, date, str that holds every non-null value.
DataType infer_partition_type(const std::vector<const std::string*>& values) {
  bool all_int = true, all_float = true, all_date = true;
  for (const std::string* value : values) {
    if (hive_partition_is_null(*value)) continue;
    all_int = all_int && parse_int64(*value).has_value();
    all_float = all_float && parse_float64(*value).has_value();
    all_date = all_date && temporal::parse_date(*value).has_value();
  }
  if (all_int) return DataType::int64();
  if (all_float) return DataType::float64();
  if (all_date) return DataType::date();
  return DataType::string();
}

Scalar partition_scalar(const std::string& key, const std::string& value, const DataType& type,
                        const std::string& path) {
  if (hive_partition_is_null(value)) return Scalar::null(type);
  const auto fail = [&]() -> Scalar {
    throw SchemaError("hive partition value '" + value + "' of '" + key + "' in '" + path + "' is not a " +
                      type.to_string() + "; declare the partition column's type in the scan's hive schema");
  };
  switch (type.id()) {
    case TypeId::Int64: {
      const auto v = parse_int64(value);
      return v ? Scalar::int64(*v) : fail();
    }
    case TypeId::Int32: {
      const auto v = parse_int64(value);
      return v ? Scalar::int32(static_cast<int32_t>(*v)) : fail();
    }
    case TypeId::Float64: {
      const auto v = parse_float64(value);
      return v ? Scalar::float64(*v) : fail();
    }
    case TypeId::Date: {
      const auto v = temporal::parse_date(value);
      return v ? Scalar::date(*v) : fail();
    }
    case TypeId::String:
      return Scalar::string(value);
    default:
      throw UnsupportedError("hive partition column '" + key + "' of type " + type.to_string() +
                             " is not supported; use i32, i64, f64, date or str");
  }
}

// Types the partition columns and fills every file's values. Partitioning
// is on when asked, or (auto) when every file has the same non-empty keys.
void resolve_hive(ScanSource& source, const HiveOptions& options) {
  if (options.enabled == false || source.files.empty()) return;
  const std::string root = listing_root(source.pattern);
  std::vector<std::vector<std::pair<std::string, std::string>>> parts;
  for (const ScanFile& file : source.files) parts.push_back(hive_partitions(root, file.path));
  std::vector<std::string> keys;
  for (const auto& [key, value] : parts[0]) keys.push_back(key);
  for (size_t f = 0; f < parts.size(); ++f) {
    std::vector<std::string> these;
    for (const auto& [key, value] : parts[f]) these.push_back(key);
    if (these != keys) {
      if (options.enabled == true)
        throw SchemaError("hive partition folders differ: '" + source.files[0].path + "' and '" +
                          source.files[f].path + "' have different key=value folders");
      return;
    }
  }
  if (keys.empty()) return;
  std::vector<Field> fields;
  for (size_t k = 0; k < keys.size(); ++k) {
    if (source.file_schema.index_of(keys[k]))
      continue;  // the files hold the column themselves; theirs wins
    DataType type;
    auto declared = std::find_if(options.schema.begin(), options.schema.end(),
                                 [&](const auto& entry) { return entry.first == keys[k]; });
    if (declared != options.schema.end()) {
      type = declared->second;
    } else {
      std::vector<const std::string*> values;
      for (const auto& file_parts : parts) values.push_back(&file_parts[k].second);
      type = infer_partition_type(values);
    }
    fields.push_back(Field{keys[k], type, true});
    for (size_t f = 0; f < parts.size(); ++f)
      source.files[f].partition_values.push_back(partition_scalar(keys[k], parts[f][k].second, type,
                                                                  source.files[f].path));
  }
  source.hive_schema = Schema(std::move(fields));
}

}  // namespace

std::shared_ptr<const ScanSource> parquet_source(const std::string& path_or_glob, const ScanParquetOptions& options) {
  auto source = std::make_shared<ScanSource>();
  source->format = SourceFormat::Parquet;
  source->pattern = path_or_glob;
  source->parquet_options = options.read;
  source->parquet_options.columns.clear();
  source->parquet_options.filter.clear();
  source->parquet_options.row_group_filter.clear();
  source->parquet_options.n_rows.reset();
  for (const std::string& path : list_files(path_or_glob, {".parquet"})) {
    ScanFile file;
    file.path = path;
    file.parquet = std::make_shared<const ParquetFile>(ParquetFile::open(path, source->parquet_options));
    file.rows = file.parquet->num_rows();
    if (source->files.empty()) {
      source->file_schema = file.parquet->schema();
    } else if (!(file.parquet->schema() == source->file_schema)) {
      throw SchemaError("Parquet files of '" + path_or_glob + "' have different schemas: '" +
                        source->files[0].path + "' has " + source->file_schema.to_string() + " but '" + path +
                        "' has " + file.parquet->schema().to_string() +
                        ". Hint: scan them separately and concat after a cast or select");
    }
    source->files.push_back(std::move(file));
  }
  resolve_hive(*source, options.hive);
  return source;
}

std::shared_ptr<const ScanSource> csv_source(const std::string& path_or_glob, const ScanCsvOptions& options) {
  auto source = std::make_shared<ScanSource>();
  source->format = SourceFormat::Csv;
  source->pattern = path_or_glob;
  source->csv_options = options.read;
  source->csv_options.columns.clear();
  source->csv_options.column_indices.clear();
  source->csv_options.n_rows.reset();
  for (const std::string& path : list_files(path_or_glob, {".csv"})) source->files.push_back(ScanFile{path, {}, {}, -1});
  // The schema: the first file's rows, read up to schema_rows, then fixed as
  // explicit types for every file.
  CsvReadOptions sample = source->csv_options;
  sample.n_rows = std::max<int64_t>(options.schema_rows, 1);
  if (sample.infer_schema_length > 0)  // 0 means no inference: every column str
    sample.infer_schema_length = std::max(sample.infer_schema_length, *sample.n_rows);
  source->file_schema = read_csv_table(source->files[0].path, sample).schema();
  for (const Field& field : source->file_schema.fields()) source->csv_options.dtypes[field.name] = field.type;
  resolve_hive(*source, options.hive);
  return source;
}

std::shared_ptr<const ScanSource> frame_source(DataFrame frame) {
  auto source = std::make_shared<ScanSource>();
  source->format = SourceFormat::Frame;
  source->pattern = "<frame>";
  source->file_schema = frame.schema();
  source->frame = std::make_shared<const DataFrame>(std::move(frame));
  return source;
}

}  // namespace strata::plan
