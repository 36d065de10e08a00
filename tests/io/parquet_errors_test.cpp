// Damaged input: every problem is a strata::Error with a message that says
// what is wrong and where, never a crash, a hang or a wrong answer.
#include <filesystem>

#include "io/parquet_test_support.hpp"

namespace strata {
namespace {

using parquet_test::make_table;

std::string sample_file(const ParquetWriteOptions& options = {}) {
  FixedWidthBuilder<int64_t> ids(DataType::int64());
  StringBuilder names;
  for (int i = 0; i < 200; ++i) {
    ids.append(i * 1000003);
    if (i % 9 == 0) names.append_null();
    else names.append(std::string_view("name " + std::to_string(i % 17)));
  }
  return write_parquet_table_to_buffer(make_table({{"id", ids.finish()}, {"name", names.finish()}}), options);
}

std::string error_of(const std::string& bytes, const ParquetReadOptions& options = {}) {
  try {
    read_parquet_table_from_buffer(bytes, options, "damaged.parquet");
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ParquetErrors, WrongMagicAndTinyFiles) {
  EXPECT_TRUE(contains(error_of(""), "too few for Parquet")) << error_of("");
  EXPECT_TRUE(contains(error_of("PAR1PAR1"), "too few")) << error_of("PAR1PAR1");
  std::string bytes = sample_file();
  bytes[0] = 'X';
  const std::string message = error_of(bytes);
  EXPECT_TRUE(contains(message, "magic bytes PAR1")) << message;
  EXPECT_TRUE(contains(message, "damaged.parquet")) << message;
  std::string encrypted = sample_file();
  encrypted.replace(encrypted.size() - 4, 4, "PARE");
  EXPECT_THROW(read_parquet_table_from_buffer(encrypted), UnsupportedError);
}

TEST(ParquetErrors, TruncatedFilesAtEveryLength) {
  const std::string bytes = sample_file();
  for (size_t length = 0; length < bytes.size(); length += 7) {
    std::string truncated = bytes.substr(0, length);
    EXPECT_THROW(read_parquet_table_from_buffer(truncated), InvalidInputError) << "length " << length;
  }
}

TEST(ParquetErrors, CorruptFooterLength) {
  std::string bytes = sample_file();
  const size_t at = bytes.size() - 8;
  for (uint32_t length : {0u, 1u, 5u, 0x7fffffffu, static_cast<uint32_t>(bytes.size())}) {
    std::memcpy(bytes.data() + at, &length, 4);
    const std::string message = error_of(bytes);
    EXPECT_FALSE(message.empty()) << "footer length " << length;
  }
  uint32_t too_long = static_cast<uint32_t>(bytes.size());
  std::memcpy(bytes.data() + at, &too_long, 4);
  EXPECT_TRUE(contains(error_of(bytes), "exceeds the file size")) << error_of(bytes);
}

TEST(ParquetErrors, CorruptPageIsReportedWithItsColumn) {
  ParquetWriteOptions options;
  options.compression = ParquetCompression::Snappy;
  std::string bytes = sample_file(options);
  // Scribble over the middle of the first column chunk.
  for (size_t i = 30; i < 60; ++i) bytes[i] = static_cast<char>(0xff);
  const std::string message = error_of(bytes);
  EXPECT_TRUE(contains(message, "row group 0")) << message;
  EXPECT_TRUE(contains(message, "column 'id'")) << message;
}

TEST(ParquetErrors, WrongPageChecksum) {
  ParquetWriteOptions options;
  options.write_page_checksums = true;
  options.compression = ParquetCompression::Uncompressed;
  options.dictionary = false;
  const std::string good = sample_file(options);
  EXPECT_EQ(error_of(good), "");
  // The first data page's last value byte: flip it.
  std::string bad = good;
  const size_t name_chunk = good.find("name ");  // inside the second column's first page
  ASSERT_NE(name_chunk, std::string::npos);
  bad[name_chunk] ^= 1;
  const std::string message = error_of(bad);
  EXPECT_TRUE(contains(message, "CRC mismatch")) << message;
  EXPECT_TRUE(contains(message, "column 'name'")) << message;
  ParquetReadOptions lenient;
  lenient.verify_checksums = false;
  EXPECT_EQ(error_of(bad, lenient), "");
}

// Every single-byte change must give either a table or a strata::Error.
TEST(ParquetErrors, EverySingleByteMutationIsHandled) {
  for (ParquetCompression codec : {ParquetCompression::Uncompressed, ParquetCompression::Snappy, ParquetCompression::Zstd,
                                   ParquetCompression::Gzip}) {
    ParquetWriteOptions options;
    options.compression = codec;
    options.data_page_size = 256;
    const std::string bytes = sample_file(options);
    int errors = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (unsigned char delta : {0x01, 0x80, 0xff}) {
        std::string mutated = bytes;
        mutated[i] = static_cast<char>(static_cast<unsigned char>(mutated[i]) + delta);
        try {
          const Table table = read_parquet_table_from_buffer(mutated);
          (void)table;
        } catch (const Error&) {
          ++errors;
        }
      }
    }
    EXPECT_GT(errors, 0);
  }
}

TEST(ParquetErrors, MissingFileIsAnIOError) {
  try {
    read_parquet_table("/nonexistent/strata/file.parquet");
    FAIL();
  } catch (const IOError& error) {
    EXPECT_TRUE(contains(error.what(), "/nonexistent/strata/file.parquet")) << error.what();
  }
}

}  // namespace
}  // namespace strata

namespace strata {
namespace {

// The fuzzer's seed corpus, including inputs that once crashed the reader
// (regression_*): each must read with renderable values or give a
// strata::Error.
TEST(ParquetErrors, FuzzCorpusInputsReadOrFailCleanly) {
  const std::filesystem::path corpus = std::filesystem::path(STRATA_SOURCE_DIR) / "fuzz" / "corpus" / "parquet";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    ++files;
    const std::string bytes = parquet_test::read_file(entry.path().string());
    try {
      const Table table = read_parquet_table_from_buffer(bytes);
      for (const ChunkedArray& column : table.columns())
        for (const Array& chunk : column.chunks())
          for (int64_t i = 0; i < chunk.length(); ++i) EXPECT_FALSE(chunk.value_to_string(i).empty());
    } catch (const Error& error) {
      EXPECT_GT(std::string(error.what()).size(), 20u);
    }
  }
  EXPECT_GE(files, 5);
}

}  // namespace
}  // namespace strata
