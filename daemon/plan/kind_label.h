#pragma once
// The Chinese name of a message kind, as the outbox lists and the preview show it.

#include <string>

namespace rectifyd::plan {

/// 到期提醒, 逾期提醒, 逾期升级, 会议通知… (the kind itself when unknown).
std::string kind_label_zh(const std::string& kind);

}  // namespace rectifyd::plan
