// Reading: dialect, header, nulls, encoding, options. Values are checked
// cell by cell.
#include "csv_test_support.hpp"

namespace strata {
namespace {

using namespace csv_test;

TEST(CsvReadTest, HeaderAndInferredColumns) {
  const Table table = read("a,b,c\n1,x,2.5\n2,y,3.5\n");
  EXPECT_EQ(table.num_rows(), 2);
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(type_of(table, "a"), DataType::int64());
  EXPECT_EQ(type_of(table, "b"), DataType::string());
  EXPECT_EQ(type_of(table, "c"), DataType::float64());
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "2"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"x", "y"}));
  EXPECT_EQ(cells(table, "c"), (Cells{"2.5", "3.5"}));
}

TEST(CsvReadTest, NoTrailingNewline) {
  const Table table = read("a,b\n1,2\n3,4");
  EXPECT_EQ(cells(table, "b"), (Cells{"2", "4"}));
}

TEST(CsvReadTest, CrlfLineEndings) {
  const Table table = read("a,b\r\n1,x\r\n2,\"y\"\r\n3,z");
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "2", "3"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"x", "y", "z"}));
}

TEST(CsvReadTest, LoneCarriageReturnInsideFieldIsData) {
  const Table table = read("a,b\nx\ry,1\n");
  EXPECT_EQ(cells(table, "a"), (Cells{"x\ry"}));
}

TEST(CsvReadTest, ByteOrderMarkIsSkipped) {
  const Table table = read("\xEF\xBB\xBFid,v\n1,2\n");
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"id", "v"}));
  EXPECT_EQ(type_of(table, "id"), DataType::int64());
}

TEST(CsvReadTest, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  const Table table = read("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"multi\nline\",\"\"\nplain,\"a\r\nb\"\n");
  EXPECT_EQ(cells(table, "name"), (Cells{"Smith, J", "multi\nline", "plain"}));
  EXPECT_EQ(cells(table, "note"), (Cells{"said \"hi\"", "", "a\r\nb"}));
}

TEST(CsvReadTest, QuoteInsideUnquotedFieldIsLiteral) {
  const Table table = read("a,b\n5\" pipe,x\n");
  EXPECT_EQ(cells(table, "a"), (Cells{"5\" pipe"}));
}

TEST(CsvReadTest, QuotedNumbersAreStillNumbers) {
  const Table table = read("a\n\"1\"\n\"2\"\n");
  EXPECT_EQ(type_of(table, "a"), DataType::int64());
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "2"}));
}

TEST(CsvReadTest, BackslashEscapeOption) {
  CsvReadOptions options;
  options.escape = '\\';
  const Table table = read("a,b\n\"x\\\"y\",\"p\\\\q\"\n\"r\"\"s\",t\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"x\"y", "r\"s"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"p\\q", "t"}));
}

TEST(CsvReadTest, WithoutEscapeBackslashIsOrdinary) {
  const Table table = read("a\n\"x\\y\"\n");
  EXPECT_EQ(cells(table, "a"), (Cells{"x\\y"}));
}

TEST(CsvReadTest, QuotingDisabled) {
  CsvReadOptions options;
  options.quote = '\0';
  const Table table = read("a,b\n\"x,y\"\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"\"x"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"y\""}));
}

TEST(CsvReadTest, OtherDelimiters) {
  CsvReadOptions options;
  options.delimiter = '\t';
  EXPECT_EQ(cells(read("a\tb\n1,5\tx y\n", options), "a"), (Cells{"1,5"}));
  options.delimiter = ';';
  const Table table = read("a;b\n1;2\n", options);
  EXPECT_EQ(cells(table, "b"), (Cells{"2"}));
}

TEST(CsvReadTest, NoHeaderGeneratesNames) {
  CsvReadOptions options;
  options.has_header = false;
  const Table table = read("1,a\n2,b\n", options);
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"column_1", "column_2"}));
  EXPECT_EQ(cells(table, "column_1"), (Cells{"1", "2"}));
  EXPECT_EQ(cells(table, "column_2"), (Cells{"a", "b"}));
}

TEST(CsvReadTest, EmptyAndDuplicateHeaderNamesAreMadeUnique) {
  const Table table = read("a,,a,a_1,a\n1,2,3,4,5\n");
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"a", "column_2", "a_1", "a_1_1", "a_2"}));
  EXPECT_EQ(cells(table, "a_2"), (Cells{"5"}));
}

TEST(CsvReadTest, EmptyInputGivesEmptyTable) {
  for (const char* text : {"", "\xEF\xBB\xBF", "\n\n"}) {
    const Table table = read(text);
    EXPECT_EQ(table.num_columns(), 0) << text;
    EXPECT_EQ(table.num_rows(), 0) << text;
  }
}

TEST(CsvReadTest, HeaderOnlyGivesZeroRowsOfStrings) {
  for (const char* text : {"a,b", "a,b\n", "a,b\r\n"}) {
    const Table table = read(text);
    EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"a", "b"})) << text;
    EXPECT_EQ(table.num_rows(), 0);
    EXPECT_EQ(type_of(table, "a"), DataType::string());
  }
}

TEST(CsvReadTest, HeaderOnlyKeepsExplicitDtypes) {
  CsvReadOptions options;
  options.dtypes = {{"a", DataType::int32()}};
  const Table table = read("a,b\n", options);
  EXPECT_EQ(type_of(table, "a"), DataType::int32());
  EXPECT_EQ(type_of(table, "b"), DataType::string());
}

TEST(CsvReadTest, OneRowInput) {
  const Table table = read("x\n42");
  EXPECT_EQ(table.num_rows(), 1);
  EXPECT_EQ(cells(table, "x"), (Cells{"42"}));
}

TEST(CsvReadTest, EmptyFieldsAreNullButQuotedEmptyIsEmptyString) {
  const Table table = read("a,b,c\n1,,x\n,\"\",\n");
  EXPECT_EQ(cells(table, "a"), (Cells{"1", null}));
  EXPECT_EQ(cells(table, "b"), (Cells{null, ""}));
  EXPECT_EQ(cells(table, "c"), (Cells{"x", null}));
  EXPECT_EQ(type_of(table, "a"), DataType::int64());
}

TEST(CsvReadTest, CustomNullValues) {
  CsvReadOptions options;
  options.null_values = {"NA", "-"};
  const Table table = read("a,b\nNA,x\n2,-\n3,\"NA\"\n,y\n", options);
  EXPECT_EQ(type_of(table, "a"), DataType::string());  // "" is a value now, not null
  EXPECT_EQ(cells(table, "a"), (Cells{null, "2", "3", ""}));
  EXPECT_EQ(cells(table, "b"), (Cells{"x", null, "NA", "y"}));
}

TEST(CsvReadTest, AllNullColumnIsString) {
  const Table table = read("a,b\n1,\n2,\n");
  EXPECT_EQ(type_of(table, "b"), DataType::string());
  EXPECT_EQ(cells(table, "b"), (Cells{null, null}));
}

TEST(CsvReadTest, UnicodeValuesAndNames) {
  const Table table = read("名前,städte\n\"Zoë\",Zürich\n日本語,🙂\n");
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"名前", "städte"}));
  EXPECT_EQ(cells(table, "名前"), (Cells{"Zoë", "日本語"}));
  EXPECT_EQ(cells(table, "städte"), (Cells{"Zürich", "🙂"}));
}

TEST(CsvReadTest, LongStringsAreCopied) {
  const std::string long_value(5000, 'q');
  std::string text = "s\n" + long_value + "\nshort\n\"" + long_value + "\"\"\"\n";
  const Table table = read(text);
  EXPECT_EQ(cells(table, "s"), (Cells{long_value, "short", long_value + "\""}));
  text.assign(text.size(), 'X');  // the table must not point into the input
  EXPECT_EQ(cells(table, "s")[0], long_value);
}

TEST(CsvReadTest, BlankLinesAreSkippedWithSeveralColumns) {
  const Table table = read("a,b\n\n1,2\n\r\n3,4\n\n");
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "3"}));
}

TEST(CsvReadTest, BlankLinesAreNullsWithOneColumn) {
  const Table table = read("a\n1\n\n3\n");
  EXPECT_EQ(cells(table, "a"), (Cells{"1", null, "3"}));
}

TEST(CsvReadTest, CommentLines) {
  CsvReadOptions options;
  options.comment = '#';
  const Table table = read("# generated\na,b\n1,2\n# \"odd quote\n3,#4\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "3"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"2", "#4"}));
}

TEST(CsvReadTest, SkipRowsBeforeHeader) {
  CsvReadOptions options;
  options.skip_rows = 2;
  const Table table = read("report \"v1\nexported today\na,b\n1,2\n", options);
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"2"}));
}

TEST(CsvReadTest, SkipRowsAfterHeader) {
  CsvReadOptions options;
  options.skip_rows_after_header = 1;
  const Table table = read("a,b\nunits,\"m\nm\"\n1,2\n3,4\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "3"}));
  EXPECT_EQ(type_of(table, "a"), DataType::int64());
}

TEST(CsvReadTest, SkipRowsPastTheEnd) {
  CsvReadOptions options;
  options.skip_rows = 10;
  EXPECT_EQ(read("a\n1\n", options).num_columns(), 0);
}

TEST(CsvReadTest, ColumnSubsetByName) {
  CsvReadOptions options;
  options.columns = {"c", "a"};
  const Table table = read("a,b,c\n1,x,2\n3,y,4\n", options);
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(cells(table, "c"), (Cells{"2", "4"}));
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "3"}));
}

TEST(CsvReadTest, ColumnSubsetByIndex) {
  CsvReadOptions options;
  options.column_indices = {1};
  options.has_header = false;
  const Table table = read("1,x,2\n3,y,4\n", options);
  EXPECT_EQ(table.schema().names(), (std::vector<std::string>{"column_2"}));
  EXPECT_EQ(cells(table, "column_2"), (Cells{"x", "y"}));
}

TEST(CsvReadTest, ColumnSubsetSkipsUnparsableUnselectedColumns) {
  CsvReadOptions options;
  options.columns = {"a"};
  options.dtypes = {{"b", DataType::int64()}};
  const Table table = read("a,b\n1,not a number\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"1"}));
}

TEST(CsvReadTest, UnknownColumnIsSchemaErrorWithHint) {
  CsvReadOptions options;
  options.columns = {"amount"};
  try {
    read("amont,b\n1,2\n", options);
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& error) {
    EXPECT_NE(std::string(error.what()).find("amount"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("amont"), std::string::npos);
  }
  options.columns.clear();
  options.column_indices = {3};
  EXPECT_THROW(read("a,b\n1,2\n", options), SchemaError);
  options.column_indices = {0, 0};
  EXPECT_THROW(read("a,b\n1,2\n", options), SchemaError);
  options.column_indices.clear();
  options.dtypes = {{"nope", DataType::int64()}};
  EXPECT_THROW(read("a,b\n1,2\n", options), SchemaError);
}

TEST(CsvReadTest, RowLimit) {
  CsvReadOptions options;
  options.n_rows = 2;
  const Table table = read("a\n1\n2\n3\nnot an int\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "2"}));
  EXPECT_EQ(type_of(table, "a"), DataType::int64());
  options.n_rows = 0;
  EXPECT_EQ(read("a\n1\n", options).num_rows(), 0);
}

TEST(CsvReadTest, RowLimitWithWideningReReadsOnlyTheLimit) {
  CsvReadOptions options;
  options.n_rows = 3;
  options.infer_schema_length = 1;
  const Table table = read("a\n1\nx\n3\n4\n", options);
  EXPECT_EQ(cells(table, "a"), (Cells{"1", "x", "3"}));
}

TEST(CsvReadTest, InvalidOptionsAreRejected) {
  CsvReadOptions options;
  options.delimiter = '\n';
  EXPECT_THROW(read("a\n", options), InvalidInputError);
  options = {};
  options.quote = ',';
  EXPECT_THROW(read("a\n", options), InvalidInputError);
  options = {};
  options.columns = {"a"};
  options.column_indices = {0};
  EXPECT_THROW(read("a\n", options), InvalidInputError);
  options = {};
  options.n_rows = -1;
  EXPECT_THROW(read("a\n", options), InvalidInputError);
}

TEST(CsvReadTest, ReportCountsRowsAndChunks) {
  CsvReadReport report;
  read("a\n1\n2\n", {}, &report);
  EXPECT_EQ(report.rows_read, 2);
  EXPECT_EQ(report.bad_lines, 0);
  EXPECT_EQ(report.chunks, 1);
}

TEST(CsvReadTest, ReadsFiles) {
  TemporaryDirectory directory;
  const std::string path = directory.file("data.csv");
  write_file(path, "a,b\n1,x\n");
  const Table table = read_csv_table(path);
  EXPECT_EQ(cells(table, "b"), (Cells{"x"}));
  write_file(path, "");
  EXPECT_EQ(read_csv_table(path).num_columns(), 0);
}

TEST(CsvReadTest, MissingFileIsIoErrorNamingThePath) {
  try {
    read_csv_table("/nonexistent/dir/missing.csv");
    FAIL() << "expected IOError";
  } catch (const IOError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/dir/missing.csv"), std::string::npos) << error.what();
  }
  TemporaryDirectory directory;
  EXPECT_THROW(read_csv_table(directory.file("")), IOError);  // a directory
}

TEST(CsvReadTest, TestDataFileWithEverything) {
  const Table table = read_csv_table(std::string(STRATA_TEST_DATA_DIR) + "/csv/mixed.csv");
  EXPECT_EQ(table.num_rows(), 3);
  EXPECT_EQ(type_of(table, "id"), DataType::int64());
  EXPECT_EQ(type_of(table, "price"), DataType::float64());
  EXPECT_EQ(type_of(table, "day"), DataType::date());
  EXPECT_EQ(type_of(table, "at"), DataType::timestamp(TimeUnit::Micro));
  EXPECT_EQ(type_of(table, "ok"), DataType::boolean());
  EXPECT_EQ(cells(table, "comment"), (Cells{"plain", "with, comma", null}));
  EXPECT_EQ(cells(table, "at"), (Cells{"2024-01-31 10:00:00", "2024-02-01 00:00:00.500000", null}));
}

}  // namespace
}  // namespace strata
