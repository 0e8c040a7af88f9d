# cmake -DINPUT=file.toml -DOUTPUT=file.cpp -P embed_text.cmake
# Writes a C++ source defining rectifyd::config::default_config_text() as the input file's text.
file(READ "${INPUT}" text HEX)
string(LENGTH "${text}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${text}")
string(REGEX REPLACE "(([^,]+,){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by embed_text.cmake; do not edit.\n"
  "#include \"config/default_config.h\"\n\n"
  "namespace rectifyd::config {\n\nnamespace {\n"
  "constexpr char kText[] = {\n    ${bytes}'\\0'};\n"
  "}  // namespace\n\n"
  "std::string_view default_config_text() {\n"
  "  return {kText, ${byte_count}};\n}\n\n"
  "}  // namespace rectifyd::config\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
