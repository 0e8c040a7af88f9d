// The office's configuration actions on a real file: a candidate is checked with every error at
// its line and column and nothing written; a valid one replaces the file (the old one kept as
// .bak) and is reloaded; a refused reload puts the old file back; a patch keeps the file's
// comments; an inline secret never has to pass through the editor.

#include "office/settings.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "config/config_load.h"
#include "core/atomic_file.h"
#include "store/database.h"
#include "temp_dir.h"
#include "time/clock.h"

namespace rectifyd::office {
namespace {

constexpr const char* kFile =
    "# 本单位配置\n"
    "[meeting]\n"
    "start = \"15:00\"  # 每周五下午\n"
    "\n"
    "[[channel]]\n"
    "id = \"hook\"\n"
    "type = \"generic\"\n"
    "url = \"https://hooks.example.cn/rectify\"\n"
    "secret = \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n"
    "\n"
    "[routing]\n"
    "personal = [\"hook\"]\n"
    "group = [\"hook\"]\n"
    "office = [\"hook\"]\n";

struct SettingsTest : ::testing::Test {
  rectifyd::testing::TempDir dir;
  ManualClock clock{Instant{std::chrono::seconds{1'790'000'000}}};
  std::unique_ptr<store::Database> db;
  config::Snapshot running;
  std::vector<std::string> reloads;
  bool refuse_reload = false;
  std::string path = dir.write("rectifyd.toml", kFile);

  void SetUp() override {
    auto opened = store::Database::open(dir.file("r.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    db = std::move(opened.value());
    running = load(path);
  }

  static config::Snapshot load(const std::string& p) {
    auto r = config::load_config_file(p);
    EXPECT_TRUE(r.ok()) << r.error_text();
    return std::make_shared<const config::Config>(*r.config);
  }

  Office office() {
    return Office(*db, clock, [this] { return running; });
  }

  ConfigFile file() {
    return ConfigFile{path, [this](const std::string& actor) -> Status {
                        reloads.push_back(actor);
                        if (refuse_reload)
                          return Error{"secret file went away"};
                        running = load(path);
                        return ok_status();
                      }};
  }

  std::string on_disk() { return *read_text_file(path); }
};

TEST_F(SettingsTest, TheEditorSeesAPlaceholderForEachInlineSecret) {
  ConfigText t = config_text(file());
  ASSERT_TRUE(t.text) << t.error;
  EXPECT_EQ(t.text->find("whsec_MfKQ"), std::string::npos);
  EXPECT_NE(t.text->find("[meeting]"), std::string::npos);
}

TEST_F(SettingsTest, ACandidateWithErrorsNamesEachAtItsLineAndChangesNothing) {
  auto o = office();
  ConfigCheck c = check_config(o, file(), "[meeting]\nstart = \"25:00\"\nweekday = \"fryday\"\n");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_EQ(c.errors[0].line, 2);
  EXPECT_EQ(c.errors[1].line, 3);
  std::vector<config::Diagnostic> errors;
  auto r = replace_config(o, Actor{"办公室"}, file(), "[meeting]\nstart = \"25:00\"\n", &errors);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  EXPECT_EQ(r.error().location, path + ":2:9");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(on_disk(), kFile);
  EXPECT_TRUE(reloads.empty());
}

TEST_F(SettingsTest, AValidCandidateReplacesTheFileKeepsTheOldOneAndIsReloaded) {
  auto o = office();
  std::string edited = *config_text(file()).text;
  edited.replace(edited.find("15:00"), 5, "16:00");
  ConfigCheck c = check_config(o, file(), edited);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_NE(c.changes[0].find("meeting.start"), std::string::npos) << c.changes[0];

  auto r = replace_config(o, Actor{"办公室"}, file(), edited);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->backup, path + ".bak");
  EXPECT_EQ(*read_text_file(path + ".bak"), kFile);
  // The placeholder was given its value back: the secret is in the file, not lost.
  EXPECT_NE(on_disk().find("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), std::string::npos);
  EXPECT_NE(on_disk().find("16:00"), std::string::npos);
  EXPECT_EQ(reloads, std::vector<std::string>{"办公室"});
  EXPECT_EQ(running->meeting.start, std::chrono::minutes{16 * 60});
}

TEST_F(SettingsTest, ARefusedReloadPutsTheOldFileBack) {
  auto o = office();
  refuse_reload = true;
  auto r =
      patch_config(o, Actor{"办公室"}, file(), boost::json::object{{"meeting.start", "16:30"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  EXPECT_NE(r.error().message.find("已恢复原配置文件"), std::string::npos);
  EXPECT_EQ(on_disk(), kFile);
}

TEST_F(SettingsTest, APatchKeepsTheFilesCommentsAndNamesABadKeyByItsPointer) {
  auto o = office();
  auto r =
      patch_config(o, Actor{"办公室"}, file(), boost::json::object{{"meeting.start", "16:30"}});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_NE(on_disk().find("# 本单位配置"), std::string::npos);
  EXPECT_NE(on_disk().find("start = \"16:30\"  # 每周五下午"), std::string::npos) << on_disk();

  std::vector<config::Diagnostic> errors;
  auto bad = patch_config(o, Actor{"办公室"}, file(),
                          boost::json::object{{"meeting.start", "16:61"}}, &errors);
  ASSERT_FALSE(bad);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(on_disk().find("16:30"), std::string::npos);
}

TEST_F(SettingsTest, WithoutAFileThereIsNothingToWrite) {
  auto o = office();
  ConfigFile none{"", [](const std::string&) { return ok_status(); }};
  auto r = replace_config(o, Actor{"办公室"}, none, "[meeting]\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_FALSE(config_text(none).text);
}

}  // namespace
}  // namespace rectifyd::office
