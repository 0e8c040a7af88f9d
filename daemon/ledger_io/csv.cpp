#include "ledger_io/csv.h"

#include "ledger_io/utf8.h"

namespace rectifyd::ledger_io {

CsvReader::CsvReader(std::string_view text, std::string source)
    : text_(text), source_(std::move(source)) {
  pos_ = bom_length(text_);
  line_start_ = pos_;
}

Error CsvReader::fail(std::size_t column, std::size_t at, std::size_t line, std::size_t line_start,
                      std::string_view what) const {
  const std::size_t ch = char_column(text_.substr(line_start), at - line_start);
  return Error{source_ + ": row " + std::to_string(row_) + ", column " + std::to_string(column) +
               " (line " + std::to_string(line) + ", character " + std::to_string(ch) +
               "): " + std::string(what)};
}

Result<bool> CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  if (failed_ || pos_ >= text_.size())
    return false;
  const std::size_t n = text_.size();
  record.row = ++row_;
  record.line = line_;
  std::string field;
  for (;;) {
    const std::size_t column = record.fields.size() + 1;
    const std::size_t field_start = pos_;
    field.clear();
    if (pos_ < n && text_[pos_] == '"') {
      const std::size_t open_line = line_;
      const std::size_t open_line_start = line_start_;
      ++pos_;
      for (;;) {
        if (pos_ >= n) {
          failed_ = true;
          return fail(column, field_start, open_line, open_line_start,
                      "quoted field is not closed (a '\"' is missing)");
        }
        const char c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
            field += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\n') {
          ++line_;
          line_start_ = pos_ + 1;
        }
        field += c;
        ++pos_;
      }
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n') {
        failed_ = true;
        return fail(column, pos_, line_, line_start_,
                    "unexpected character after a closing quote (write a quote inside a quoted "
                    "field as \"\")");
      }
    } else {
      while (pos_ < n) {
        const char c = text_[pos_];
        if (c == ',' || c == '\n' || c == '\r')
          break;
        if (c == '"') {
          failed_ = true;
          return fail(column, pos_, line_, line_start_,
                      "stray quote in an unquoted field (quote the whole field and double the "
                      "quote)");
        }
        ++pos_;
      }
      field.assign(text_.substr(field_start, pos_ - field_start));
    }
    if (field.size() > kMaxCsvFieldBytes) {
      failed_ = true;
      return Error{source_ + ": row " + std::to_string(row_) + ", column " +
                   std::to_string(column) + ": the field holds " + std::to_string(field.size()) +
                   " bytes, more than the " + std::to_string(kMaxCsvFieldBytes) +
                   " a ledger field may have; is this the right file?"};
    }
    if (invalid_utf8_at(field).has_value()) {
      failed_ = true;
      return Error{source_ + ": row " + std::to_string(row_) + ", column " +
                   std::to_string(column) +
                   ": text is not valid UTF-8 (save the file as \"CSV UTF-8\")"};
    }
    if (field.find('\0') != std::string::npos) {
      failed_ = true;
      return Error{source_ + ": row " + std::to_string(row_) + ", column " +
                   std::to_string(column) + ": text contains a NUL byte; is this a CSV file?"};
    }
    record.fields.push_back(field);
    if (pos_ >= n)
      return true;
    const char c = text_[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    ++pos_;
    if (c == '\r' && pos_ < n && text_[pos_] == '\n')
      ++pos_;
    ++line_;
    line_start_ = pos_;
    return true;
  }
}

Result<std::vector<CsvRecord>> read_csv(std::string_view text, const std::string& source) {
  std::vector<CsvRecord> out;
  CsvReader reader(text, source);
  CsvRecord record;
  for (;;) {
    auto more = reader.next(record);
    if (!more)
      return more.error();
    if (!*more)
      return out;
    out.push_back(std::move(record));
    record = CsvRecord{};
  }
}

void append_csv_field(std::string& out, std::string_view field) {
  bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
}

void write_csv_record(std::ostream& out, std::span<const std::string> fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0)
      line += ',';
    append_csv_field(line, fields[i]);
  }
  line += "\r\n";
  out << line;
}

}  // namespace rectifyd::ledger_io
