#pragma once
// Stable spellings of the enums, as stored in SQLite, printed in JSON and typed on the command
// line.

#include <optional>
#include <string_view>

#include "core/model.h"

namespace rectifyd {

std::string_view to_string(MeasureStatus s);
std::optional<MeasureStatus> parse_measure_status(std::string_view s);
/// The Chinese word an office uses for a status (未开始, 整改中, 已报完成, 已销号, 长期坚持,
/// 无需整改).
std::string_view label_zh(MeasureStatus s);

std::string_view to_string(ExtensionState s);
std::optional<ExtensionState> parse_extension_state(std::string_view s);

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
/// "owner,leader" ↔ Roles.
std::string roles_to_string(Roles r);
std::optional<Roles> parse_roles(std::string_view s);

}  // namespace rectifyd
