// Malformed input: messages name the source, line, column and value; the
// skip and null policies and their report.
#include "csv_test_support.hpp"

namespace strata {
namespace {

using namespace csv_test;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CsvErrorsTest, TooManyFields) {
  const std::string message = read_error("a,b\n1,2\n3,4,5\n");
  EXPECT_TRUE(contains(message, "3 fields but the header has 2")) << message;
  EXPECT_TRUE(contains(message, "<string>, line 3")) << message;
  EXPECT_TRUE(contains(message, "on_bad_lines=skip")) << message;
}

TEST(CsvErrorsTest, TooFewFieldsNamesTheMissingColumn) {
  const std::string message = read_error("a,b,c\n1,2,3\n4,5\n");
  EXPECT_TRUE(contains(message, "2 fields but the header has 3")) << message;
  EXPECT_TRUE(contains(message, "line 3, column 'c'")) << message;
}

TEST(CsvErrorsTest, LineNumbersCountSkippedLinesCommentsAndQuotedNewlines) {
  CsvReadOptions options;
  options.skip_rows = 1;
  options.comment = '#';
  const std::string message = read_error("junk\na,b\n\"x\ny\",1\n# note\n\n2\n", options);
  EXPECT_TRUE(contains(message, "line 7")) << message;
}

TEST(CsvErrorsTest, UnterminatedQuoteAtEnd) {
  const std::string message = read_error("a,b\n1,\"open\n2,3\n");
  EXPECT_TRUE(contains(message, "not closed")) << message;
  EXPECT_TRUE(contains(message, "line 2, column 'b'")) << message;
  EXPECT_TRUE(contains(message, "\"open")) << message;
}

TEST(CsvErrorsTest, TextAfterClosingQuote) {
  const std::string message = read_error("a,b\n\"x\"y,1\n");
  EXPECT_TRUE(contains(message, "after its closing quote")) << message;
  EXPECT_TRUE(contains(message, "line 2, column 'a'")) << message;
}

TEST(CsvErrorsTest, ValueNotParsingAsExplicitType) {
  CsvReadOptions options;
  options.dtypes = {{"n", DataType::int32()}};
  const std::string message = read_error("id,n\n1,5\n2,five\n", options);
  EXPECT_TRUE(contains(message, "does not parse as i32")) << message;
  EXPECT_TRUE(contains(message, "line 3, column 'n', value 'five'")) << message;
  EXPECT_TRUE(contains(message, "Hint")) << message;
  options.dtypes = {{"n", DataType::uint8()}};
  EXPECT_TRUE(contains(read_error("n\n256\n", options), "value '256'"));
  options.dtypes = {{"n", DataType::date()}};
  EXPECT_TRUE(contains(read_error("n\n2024-02-30\n", options), "line 2"));
}

TEST(CsvErrorsTest, EarliestProblemWins) {
  CsvReadOptions options;
  options.dtypes = {{"b", DataType::int64()}};
  const std::string message = read_error("a,b\n1,x\n2,3,4\n", options);
  EXPECT_TRUE(contains(message, "line 2, column 'b'")) << message;
}

TEST(CsvErrorsTest, InvalidUtf8InStringColumn) {
  const std::string message = read_error("a,b\n1,ok\n2,bad\xC3\x28\n");
  EXPECT_TRUE(contains(message, "not valid UTF-8")) << message;
  EXPECT_TRUE(contains(message, "line 3, column 'b'")) << message;
  EXPECT_TRUE(contains(message, "bad\\xC3(")) << message;
}

TEST(CsvErrorsTest, InvalidUtf8AfterTypedValues) {
  CsvReadOptions options;
  options.infer_schema_length = 1;
  const std::string message = read_error("a\n1\n\xFF\n", options);
  EXPECT_TRUE(contains(message, "not valid UTF-8")) << message;
  EXPECT_TRUE(contains(message, "line 3")) << message;
}

TEST(CsvErrorsTest, InvalidUtf8LossyReplaces) {
  CsvReadOptions options;
  options.encoding = CsvEncoding::Utf8Lossy;
  const Table table = read("n\xFF\nx\xC3\x28y\n", options);
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"n\xEF\xBF\xBD"}));
  EXPECT_EQ(cells(table, "n\xEF\xBF\xBD"), (Cells{"x\xEF\xBF\xBD(y"}));
}

TEST(CsvErrorsTest, InvalidUtf8InHeader) {
  EXPECT_TRUE(contains(read_error("a,\xFE\n1,2\n"), "header is not valid UTF-8"));
}

TEST(CsvErrorsTest, MalformedHeader) {
  EXPECT_TRUE(contains(read_error("a,\"b\n1,2\n"), "header"));
}

TEST(CsvErrorsTest, FileNameAppearsInMessage) {
  TemporaryDirectory directory;
  const std::string path = directory.file("bad.csv");
  write_file(path, "a,b\n1\n");
  try {
    read_csv_table(path);
    FAIL();
  } catch (const InvalidInputError& error) {
    EXPECT_TRUE(contains(error.what(), path + "', line 2")) << error.what();
  }
}

TEST(CsvErrorsTest, SkipDropsBadRecordsAndReportsThem) {
  CsvReadOptions options;
  options.on_bad_lines = OnBadLines::Skip;
  options.dtypes = {{"n", DataType::int64()}};
  CsvReadReport report;
  const Table table = read("s,n\na,1\nb,x\nc,2,extra\nd\n\"e\"z,3\nf,4\n\"g,5\n", options, &report);
  EXPECT_EQ(cells(table, "s"), (Cells{"a", "f"}));
  EXPECT_EQ(cells(table, "n"), (Cells{"1", "4"}));
  EXPECT_EQ(report.rows_read, 2);
  EXPECT_EQ(report.bad_lines, 5);
  EXPECT_EQ(report.bad_line_numbers, (std::vector<int64_t>{3, 4, 5, 6, 8}));
}

TEST(CsvErrorsTest, SkipWithInferredWideningColumn) {
  CsvReadOptions options;
  options.on_bad_lines = OnBadLines::Skip;
  options.infer_schema_length = 1;
  options.dtypes = {{"n", DataType::int64()}};
  const Table table = read("s,n\n1,1\nx,bad\n007,2\nword,3\n", options);
  EXPECT_EQ(cells(table, "s"), (Cells{"1", "007", "word"}));
  EXPECT_EQ(cells(table, "n"), (Cells{"1", "2", "3"}));
}

TEST(CsvErrorsTest, NullKeepsRecordsWithNulls) {
  CsvReadOptions options;
  options.on_bad_lines = OnBadLines::Null;
  options.dtypes = {{"n", DataType::int64()}};
  CsvReadReport report;
  const Table table = read("s,n\na,1\nb,x\nc,2,extra\nd\n\"g,5\n", options, &report);
  EXPECT_EQ(cells(table, "s"), (Cells{"a", "b", "c", "d"}));
  EXPECT_EQ(cells(table, "n"), (Cells{"1", null, "2", null}));
  EXPECT_EQ(report.bad_lines, 4);
  EXPECT_EQ(report.bad_line_numbers, (std::vector<int64_t>{3, 4, 5, 6}));
}

TEST(CsvErrorsTest, NullPolicyForInvalidUtf8) {
  CsvReadOptions options;
  options.on_bad_lines = OnBadLines::Null;
  const Table table = read("a,b\nx,1\n\xFF,2\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"x", null}));
  EXPECT_EQ(cells(table, "b"), (Cells{"1", "2"}));
}

}  // namespace
}  // namespace strata
