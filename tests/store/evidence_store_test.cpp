#include "store/evidence_store.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace rectifyd::store {
namespace {

TEST(EvidenceStoreTest, TheTypeIsReadFromTheContentNotTheName) {
  EXPECT_EQ(sniff_media_type("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"), "application/pdf");
  EXPECT_EQ(sniff_media_type("<!DOCTYPE html><html><body>x</body></html>"), "text/html");
  EXPECT_TRUE(evidence_type_allowed("image/jpeg"));
  EXPECT_TRUE(evidence_type_allowed(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  EXPECT_FALSE(evidence_type_allowed("text/html"));
  EXPECT_FALSE(evidence_type_allowed("image/svg+xml"));
  EXPECT_FALSE(evidence_type_allowed("application/octet-stream"));

  auto r = check_uploads({{"报告.pdf", "<html><script>alert(1)</script></html>"}}, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/files/1");
  EXPECT_NE(r.error().message.find("text/html"), std::string::npos) << r.error().message;
}

TEST(EvidenceStoreTest, NamesAreLabelsWithoutFoldersOrControlCharacters) {
  EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(clean_file_name("C:\\Users\\张三\\照片.jpg"), "照片.jpg");
  EXPECT_EQ(clean_file_name("a\x01\nb.pdf"), "ab.pdf");
  EXPECT_EQ(clean_file_name(".."), "附件");
  EXPECT_EQ(clean_file_name(""), "附件");
  EXPECT_EQ(clean_file_name(".hidden"), "hidden");
  const std::string long_name(200, 'x');
  EXPECT_EQ(clean_file_name(long_name).size(), 120u);
  // Cut between whole characters: 50 × "照" (3 bytes each) keeps 40.
  std::string zh;
  for (int i = 0; i < 50; ++i)
    zh += "照";
  EXPECT_EQ(clean_file_name(zh).size(), 120u);
}

TEST(EvidenceStoreTest, FilesAreStoredByTheirHashAndReadBackOnlyByIt) {
  rectifyd::testing::TempDir dir;
  EvidenceStore store(dir.path() / "evidence");
  const std::string pdf = "%PDF-1.4\n%%EOF\n";
  const std::vector<Upload> uploads = {{"x.pdf", pdf}};
  auto checked = check_uploads(uploads, {});
  ASSERT_TRUE(checked) << checked.error().message;
  ASSERT_TRUE(store.put((*checked)[0]));
  ASSERT_TRUE(store.put((*checked)[0])) << "the same file twice is kept once";
  auto back = store.read(sha256_hex(pdf));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, pdf);
  EXPECT_FALSE(store.read("../rectifyd.db"));
  EXPECT_FALSE(store.read(std::string(64, 'A')));
}

}  // namespace
}  // namespace rectifyd::store
