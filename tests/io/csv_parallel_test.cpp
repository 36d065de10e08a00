// Parallel parsing: chunk boundaries fall inside quoted fields, escapes and
// comments; results and error line numbers must match the sequential read.
#include "csv_test_support.hpp"

#include "strata/core/thread_pool.hpp"

namespace strata {
namespace {

using namespace csv_test;

void expect_same_tables(const Table& expected, const Table& actual, const std::string& context) {
  ASSERT_EQ(expected.schema(), actual.schema()) << context;
  ASSERT_EQ(expected.num_rows(), actual.num_rows()) << context;
  for (const std::string& name : expected.schema().names())
    EXPECT_EQ(cells(expected, name), cells(actual, name)) << context << " column " << name;
}

std::string random_text_field(std::mt19937& random) {
  static const std::vector<std::string> pieces = {"a", "b", ",", "\"", "\n", "\r\n", " ", "é", "xyz", "12"};
  std::string value;
  const int length = static_cast<int>(random() % 6);
  for (int i = 0; i < length; ++i) value += pieces[random() % pieces.size()];
  return value;
}

std::string quote(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Columns: an int column that turns float and then string late, a text
// column with every special character, a date column, a bool column.
std::string random_csv(uint64_t seed, int rows, const std::string& line_end) {
  std::mt19937 random(static_cast<uint32_t>(seed));
  std::string text = "n,text,day,flag" + line_end;
  for (int row = 0; row < rows; ++row) {
    if (row == rows / 2) text += "2.5";
    else if (row == rows - 3) text += "\"late text\"";
    else if (random() % 7 != 0) text += std::to_string(static_cast<int>(random() % 2000) - 1000);
    text += ",";
    if (random() % 5 != 0) text += quote(random_text_field(random));
    text += ",";
    if (random() % 6 != 0) text += "2024-0" + std::to_string(1 + random() % 9) + "-1" + std::to_string(random() % 10);
    text += ",";
    if (random() % 4 != 0) text += random() % 2 ? "true" : "False";
    text += line_end;
  }
  return text;
}

TEST(CsvParallelTest, ChunkedReadMatchesSequentialRead) {
  for (const std::string line_end : {"\n", "\r\n"}) {
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      const std::string text = random_csv(seed, 200, line_end);
      const Table expected = read(text);
      EXPECT_EQ(type_of(expected, "n"), DataType::string());
      EXPECT_EQ(type_of(expected, "day"), DataType::date());
      EXPECT_EQ(type_of(expected, "flag"), DataType::boolean());
      for (const int64_t chunk_bytes : {1, 7, 64, 333, 4096}) {
        CsvReadReport report;
        const Table actual = read(text, parallel_options(chunk_bytes), &report);
        const std::string context = "seed " + std::to_string(seed) + " chunk " + std::to_string(chunk_bytes);
        expect_same_tables(expected, actual, context);
        if (chunk_bytes <= 64) {
          EXPECT_GT(report.chunks, 1) << context;
        }
      }
    }
  }
}

TEST(CsvParallelTest, ChunksBecomeColumnChunks) {
  std::string text = "a,b\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + ",x" + std::to_string(i) + "\n";
  CsvReadReport report;
  const Table table = read(text, parallel_options(50), &report);
  EXPECT_GT(report.chunks, 10);
  EXPECT_EQ(table.column(0).num_chunks(), report.chunks);
  EXPECT_EQ(table.num_rows(), 100);
  EXPECT_EQ(cells(table, "a")[99], "99");
  EXPECT_EQ(cells(table, "b")[57], "x57");
}

TEST(CsvParallelTest, WideningAcrossChunks) {
  // Each chunk sees only one kind; the column is the join of all of them.
  std::string text = "v,w\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + ",2024-01-01\n";
  text += "1.5,2024-01-02 10:00:00\n";
  for (int i = 0; i < 50; ++i) text += ",\n";
  CsvReadOptions options = parallel_options(40);
  options.infer_schema_length = 1;
  const Table table = read(text, options);
  EXPECT_EQ(type_of(table, "v"), DataType::float64());
  EXPECT_EQ(type_of(table, "w"), DataType::timestamp(TimeUnit::Micro));
  EXPECT_EQ(table.column(0).combine().values<double>()[10], 10.0);
  EXPECT_EQ(cells(table, "v")[50], "1.5");
  EXPECT_EQ(cells(table, "v")[51], null);
  EXPECT_EQ(cells(table, "w")[0], "2024-01-01 00:00:00");

  text = "v\n";
  for (int i = 0; i < 50; ++i) text += "0" + std::to_string(i) + "\n";
  text += "2024-01-01\n";
  const Table strings = read(text, options);
  EXPECT_EQ(type_of(strings, "v"), DataType::string());
  EXPECT_EQ(cells(strings, "v")[7], "07");
  EXPECT_EQ(cells(strings, "v")[50], "2024-01-01");
}

TEST(CsvParallelTest, ErrorLineNumbersInParallelMode) {
  std::string text = "a,b\n";
  for (int i = 0; i < 300; ++i) text += std::to_string(i) + ",\"multi\nline\"\n";  // 2 lines per record
  text += "1,2,3\n";
  for (const int64_t chunk_bytes : {5, 30, 1000}) {
    const std::string message = read_error(text, parallel_options(chunk_bytes));
    EXPECT_NE(message.find("line 602"), std::string::npos) << chunk_bytes << ": " << message;
  }
}

TEST(CsvParallelTest, BadValueLineInLaterChunk) {
  std::string text = "a\n";
  for (int i = 0; i < 500; ++i) text += std::to_string(i) + "\n";
  text += "oops\n";
  CsvReadOptions options = parallel_options(64);
  options.dtypes = {{"a", DataType::int64()}};
  const std::string message = read_error(text, options);
  EXPECT_NE(message.find("line 502, column 'a', value 'oops'"), std::string::npos) << message;
}

TEST(CsvParallelTest, SkipPolicyAcrossChunks) {
  std::string text = "a,b\n";
  for (int i = 0; i < 200; ++i) text += i % 10 == 3 ? std::to_string(i) + "\n" : std::to_string(i) + ",x\n";
  CsvReadOptions options = parallel_options(37);
  options.on_bad_lines = OnBadLines::Skip;
  CsvReadReport report;
  const Table table = read(text, options, &report);
  EXPECT_EQ(table.num_rows(), 180);
  EXPECT_EQ(report.bad_lines, 20);
  ASSERT_EQ(report.bad_line_numbers.size(), 20u);
  EXPECT_EQ(report.bad_line_numbers[0], 5);
  EXPECT_EQ(report.bad_line_numbers[19], 195);
}

TEST(CsvParallelTest, EscapesAndCommentsThatBreakQuoteParityFallBack) {
  // Escaped quotes and quotes in comments defeat the parity guess; the
  // reader must detect it and still match the sequential result.
  std::string text = "a,b\n";
  for (int i = 0; i < 60; ++i) {
    text += "\"x\\\"" + std::to_string(i) + "\",\"line\nbreak\"\n";
    if (i % 9 == 0) text += "# a \"comment\n";
  }
  CsvReadOptions options;
  options.escape = '\\';
  options.comment = '#';
  const Table expected = read(text, options);
  EXPECT_EQ(expected.num_rows(), 60);
  EXPECT_EQ(cells(expected, "a")[5], "x\"5");
  for (const int64_t chunk_bytes : {3, 16, 100}) {
    expect_same_tables(expected, read(text, parallel_options(chunk_bytes, options)),
                       "chunk " + std::to_string(chunk_bytes));
  }
}

TEST(CsvParallelTest, UnterminatedQuoteFoundInParallelMode) {
  std::string text = "a\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + "\n";
  text += "\"never closed\n1\n2\n";
  const std::string message = read_error(text, parallel_options(20));
  EXPECT_NE(message.find("not closed"), std::string::npos) << message;
  EXPECT_NE(message.find("line 102"), std::string::npos) << message;
}

// Random bytes from the characters that matter to the state machine: every
// policy must give the same table (or the same error) whatever the split.
TEST(CsvParallelTest, RandomMalformedInputMatchesSequentialRead) {
  static const char alphabet[] = {'a', '1', ',', '"', '\n', '\r', '\\', '#', ' ', '\xC3', '\xA9', '\xFF'};
  std::mt19937 random(42);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 200);
    for (int i = 0; i < length; ++i) text += alphabet[random() % sizeof alphabet];
    CsvReadOptions options;
    options.on_bad_lines = static_cast<OnBadLines>(random() % 3);
    if (random() % 3 == 0) options.escape = '\\';
    if (random() % 3 == 0) options.comment = '#';
    if (random() % 4 == 0) options.has_header = false;
    if (random() % 4 == 0) options.encoding = CsvEncoding::Utf8Lossy;
    options.infer_schema_length = static_cast<int64_t>(random() % 4);
    std::optional<Table> expected;
    std::string expected_error;
    try {
      expected = read(text, options);
    } catch (const InvalidInputError& error) {
      expected_error = error.what();
    }
    for (const int64_t chunk_bytes : {1, 9, 50}) {
      const std::string context = "round " + std::to_string(round) + " chunk " + std::to_string(chunk_bytes);
      try {
        const Table actual = read(text, parallel_options(chunk_bytes, options));
        ASSERT_TRUE(expected.has_value()) << context << " expected error " << expected_error;
        expect_same_tables(*expected, actual, context);
      } catch (const InvalidInputError& error) {
        EXPECT_EQ(expected_error, error.what()) << context;
      }
    }
  }
}

TEST(CsvParallelTest, SingleThreadPoolGivesSameResult) {
  const std::string text = random_csv(9, 100, "\n");
  const Table expected = read(text);
  const int threads = ThreadPool::global().size();
  ThreadPool::set_global_threads(1);
  const Table actual = read(text, parallel_options(17));
  ThreadPool::set_global_threads(threads);
  expect_same_tables(expected, actual, "one thread");
}

}  // namespace
}  // namespace strata
