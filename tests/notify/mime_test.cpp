#include "notify/mime.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "notify/signing.h"

namespace rectifyd::notify::mime {
namespace {

/// Decodes a run of =?UTF-8?B?…?= words (the test's own small decoder).
std::string decode_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    EXPECT_TRUE(w.starts_with("=?UTF-8?B?") && w.ends_with("?=")) << w;
    auto b64 = w.substr(10, w.size() - 12);
    auto bytes = base64_decode(b64);
    EXPECT_TRUE(bytes.has_value()) << w;
    out += bytes.value_or("");
  }
  return out;
}

bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size())
      return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
        return false;
    }
    i += n;
  }
  return true;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find("\r\n", pos);
    if (end == std::string::npos)
      end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

const std::string kLong =
    "【逾期】问题3 措施二：建立健全档案数字化管理制度，已逾期 3 "
    "个工作日，请责任人张三立即办理并上传佐证材料"
    "🙂";

TEST(Mime, EncodedWordsAreShortAndEachDecodesToWholeCharacters) {
  auto words = encoded_words(kLong);
  ASSERT_GT(words.size(), 2u);
  for (const auto& w : words) {
    EXPECT_LE(w.size(), kMaxEncodedWord) << w;
    EXPECT_TRUE(valid_utf8(decode_words({w}))) << w;
  }
  EXPECT_EQ(decode_words(words), kLong);
}

TEST(Mime, EncodedWordsRespectTheRoomOnTheFirstLine) {
  auto words = encoded_words(kLong, 30, 75);
  ASSERT_GT(words.size(), 1u);
  EXPECT_LE(words.front().size(), 30u);
  EXPECT_EQ(decode_words(words), kLong);
  EXPECT_TRUE(encoded_words("").empty());
  // A single four-byte character still fits the smallest word.
  EXPECT_EQ(decode_words(encoded_words("🙂🙂🙂", 1, 1)), "🙂🙂🙂");
}

TEST(Mime, SubjectHeaderIsFoldedEncodedAndDecodesBack) {
  auto h = unstructured_header("Subject", kLong);
  ASSERT_TRUE(h.starts_with("Subject: =?UTF-8?B?"));
  ASSERT_TRUE(h.ends_with("\r\n"));
  std::vector<std::string> words;
  auto ls = lines(h);
  ASSERT_GT(ls.size(), 1u);
  for (std::size_t i = 0; i < ls.size(); ++i) {
    EXPECT_LE(ls[i].size(), kHeaderLine) << ls[i];
    std::string w = ls[i].substr(i == 0 ? std::string("Subject: ").size() : 1);
    if (i > 0) {
      EXPECT_EQ(ls[i][0], ' ');  // a continuation line starts with white space
    }
    words.push_back(w);
  }
  EXPECT_EQ(decode_words(words), kLong);
}

TEST(Mime, AsciiSubjectStaysReadableAndLineBreaksCannotInjectHeaders) {
  EXPECT_EQ(unstructured_header("Subject", "Weekly report"), "Subject: Weekly report\r\n");
  auto h = unstructured_header("Subject", "hello\r\nBcc: evil@example.org");
  EXPECT_EQ(h, "Subject: hello Bcc: evil@example.org\r\n");
  // "=?" in plain text would be read as an encoded word: encode it instead.
  auto tricky = unstructured_header("Subject", "a =?x?= b");
  EXPECT_TRUE(tricky.starts_with("Subject: =?UTF-8?B?")) << tricky;
}

TEST(Mime, AddressHeaderEncodesChineseNamesOnly) {
  Addressee zhang;
  zhang.name = "张三";
  zhang.email = "zhangsan@example.org";
  Addressee plain;
  plain.name = "Office Bot";
  plain.email = "bot@example.org";
  Addressee bare;
  bare.email = "x@example.org";
  auto h = address_header("To", {zhang, plain, bare});
  EXPECT_EQ(h,
            "To: =?UTF-8?B?5byg5LiJ?= <zhangsan@example.org>, Office Bot <bot@example.org>,\r\n"
            " x@example.org\r\n");
  // A name with specials ("," or quotes) is encoded rather than quoted.
  Addressee comma;
  comma.name = "Li, Si";
  comma.email = "lisi@example.org";
  EXPECT_EQ(address_header("From", {comma}), "From: =?UTF-8?B?TGksIFNp?= <lisi@example.org>\r\n");
}

TEST(Mime, ManyRecipientsFoldWithinTheLineLimit) {
  std::vector<Addressee> to;
  for (int i = 0; i < 30; ++i) {
    Addressee a;
    a.name = "巡察整改工作领导小组成员" + std::to_string(i);
    a.email = "member" + std::to_string(i) + "@archives.example.gov.cn";
    to.push_back(a);
  }
  for (const auto& l : lines(address_header("To", to)))
    EXPECT_LE(l.size(), kHeaderLine) << l;
}

TEST(Mime, AddressValidation) {
  EXPECT_TRUE(valid_address("zhangsan@example.org"));
  EXPECT_TRUE(valid_address("a.b+tag@mail.example.gov.cn"));
  EXPECT_FALSE(valid_address(""));
  EXPECT_FALSE(valid_address("zhangsan"));
  EXPECT_FALSE(valid_address("@example.org"));
  EXPECT_FALSE(valid_address("a@"));
  EXPECT_FALSE(valid_address("a b@example.org"));
  EXPECT_FALSE(valid_address("a@example.org\r\nRCPT TO:<x@y>"));
  EXPECT_FALSE(valid_address("<a@example.org>"));
  EXPECT_FALSE(valid_address("张三@example.org"));
  EXPECT_FALSE(valid_address("a@b@example.org"));
}

TEST(Mime, DateIsRfc5322InUtc) {
  EXPECT_EQ(rfc5322_date(*parse_instant("2026-12-04T07:05:09Z")),
            "Fri, 04 Dec 2026 07:05:09 +0000");
  EXPECT_EQ(rfc5322_date(*parse_instant("2027-01-01T00:00:00Z")),
            "Fri, 01 Jan 2027 00:00:00 +0000");
}

TEST(Mime, MessageIdIsStablePerKeyAndUsesTheSenderDomain) {
  auto a = message_id("reminder/m12@2026-12-04/p1/email", "office@Archives.Example.org");
  EXPECT_EQ(a, message_id("reminder/m12@2026-12-04/p1/email", "office@Archives.Example.org"));
  EXPECT_NE(a, message_id("reminder/m12@2026-12-04/p2/email", "office@Archives.Example.org"));
  ASSERT_EQ(a.size(), 1 + 32 + 1 + std::string("archives.example.org").size() + 1);
  EXPECT_TRUE(a.starts_with("<"));
  EXPECT_TRUE(a.ends_with("@archives.example.org>"));
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef", 1), 33u);
  EXPECT_TRUE(message_id("k", "no-domain").ends_with("@rectifyd.invalid>"));
}

TEST(Mime, Base64LinesAre76Characters) {
  std::string data(500, '\xE6');
  auto b = base64_lines(data);
  auto ls = lines(b);
  for (std::size_t i = 0; i + 1 < ls.size(); ++i)
    EXPECT_EQ(ls[i].size(), 76u);
  EXPECT_TRUE(b.ends_with("\r\n"));
  std::string joined;
  for (const auto& l : ls)
    joined += l;
  EXPECT_EQ(base64_decode(joined), data);
}

TEST(Mime, HtmlIsEscapedAndListsItemsWithTheirLight) {
  Message m;
  m.subject = "整改提醒";
  m.text = "整改提醒\n请于<12月4日>前完成 & 上传佐证材料";
  MessageItem it;
  it.label = "问题3 措施二";
  it.text = "建立<script>alert(1)</script>制度";
  it.owner = "张三";
  it.due = "2026-12-04";
  it.colour = "red";
  it.note = "逾期 3 个工作日";
  m.items.push_back(it);
  m.late = true;
  auto html = html_body(m);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("请于&lt;12月4日&gt;前完成 &amp; 上传佐证材料"), std::string::npos);
  EXPECT_NE(html.find("<h2"), std::string::npos);
  EXPECT_NE(html.find("红灯"), std::string::npos);
  EXPECT_NE(html.find("#d93025"), std::string::npos);
  EXPECT_NE(html.find("逾期 3 个工作日"), std::string::npos);
  EXPECT_NE(html.find("【补发】"), std::string::npos);
}

TEST(Mime, RenderedMessageHasCrlfHeadersAndOneBoundaryPerPart) {
  Mail mail;
  mail.from.name = "整改办";
  mail.from.email = "office@example.org";
  Addressee to;
  to.name = "张三";
  to.email = "zhangsan@example.org";
  mail.to = {to};
  mail.subject = "整改提醒";
  mail.date = *parse_instant("2026-12-01T01:00:00Z");
  mail.message_id = message_id("k1", mail.from.email);
  mail.extra_headers = {"Auto-Submitted: auto-generated"};
  mail.alternatives = {{"text/plain; charset=UTF-8", "第一行\n第二行"},
                       {"text/html; charset=UTF-8", "<p>x</p>"}};
  auto raw = render(mail);
  EXPECT_EQ(raw.find("\n"), raw.find("\r\n") + 1);
  std::size_t bare = 0;
  for (std::size_t i = 0; i < raw.size(); ++i)
    bare += raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r') ? 1 : 0;
  EXPECT_EQ(bare, 0u);
  EXPECT_NE(raw.find("Date: Tue, 01 Dec 2026 01:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Message-ID: " + mail.message_id + "\r\n"), std::string::npos);
  EXPECT_NE(raw.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Auto-Submitted: auto-generated\r\n"), std::string::npos);
  auto ct = raw.find("Content-Type: multipart/alternative;\r\n boundary=\"");
  ASSERT_NE(ct, std::string::npos);
  auto b0 = ct + std::string("Content-Type: multipart/alternative;\r\n boundary=\"").size();
  auto boundary = raw.substr(b0, raw.find('"', b0) - b0);
  std::size_t count = 0;
  for (auto p = raw.find("\r\n--" + boundary + "\r\n"); p != std::string::npos;
       p = raw.find("\r\n--" + boundary + "\r\n", p + 1))
    ++count;
  EXPECT_EQ(count, 2u);
  EXPECT_TRUE(raw.ends_with("\r\n--" + boundary + "--\r\n"));
  // The plain part carries CRLF line ends inside its base64.
  EXPECT_NE(raw.find(base64_lines("第一行\r\n第二行")), std::string::npos);
}

}  // namespace
}  // namespace rectifyd::notify::mime
