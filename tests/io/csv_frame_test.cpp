// The DataFrame entry points (read_csv, write_csv) on top of the Table ones.
#include "csv_test_support.hpp"

#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using namespace csv_test;

TEST(CsvFrameTest, DataFrameReadWrite) {
  TemporaryDirectory directory;
  const std::string path = directory.file("frame.csv");
  write_file(path, "name,score\nann,1.5\nbob,\n");
  const DataFrame frame = read_csv(path);
  EXPECT_EQ(frame.height(), 2);
  EXPECT_EQ(frame.column_names(), (std::vector<std::string>{"name", "score"}));
  EXPECT_EQ(write_csv_string(frame), "name,score\nann,1.5\nbob,\n");
  write_csv(frame, directory.file("copy.csv"));
  EXPECT_EQ(read_csv_string("name,score\nann,1.5\nbob,\n").height(), 2);
  EXPECT_EQ(read_csv(directory.file("copy.csv")).height(), 2);
}

}  // namespace
}  // namespace strata
