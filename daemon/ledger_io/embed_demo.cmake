# cmake -DPEOPLE=demo-people.csv -DLEDGER=demo-ledger.csv -DOUTPUT=demo_data.cpp -P embed_demo.cmake
# Writes a C++ source whose functions return the two demo CSV files' text, so the programs carry
# the demo ledger and never read the source tree at run time.
set(delimiter "demo_csv")  # at most 16 characters
set(body "")
foreach(pair "people;${PEOPLE}" "ledger;${LEDGER}")
  list(GET pair 0 name)
  list(GET pair 1 path)
  file(READ "${path}" text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${path} contains the raw string delimiter )${delimiter}\"")
  endif()
  string(APPEND body
    "std::string_view demo_${name}_csv() {\n"
    "  return R\"${delimiter}(${text})${delimiter}\";\n"
    "}\n\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from config/demo-people.csv and config/demo-ledger.csv by embed_demo.cmake.\n"
  "#include \"ledger_io/demo.h\"\n\n"
  "namespace rectifyd::ledger_io {\n\n"
  "${body}"
  "}  // namespace rectifyd::ledger_io\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
