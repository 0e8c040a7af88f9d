# Warnings and sanitizers are set on an interface target that every project target links,
# so no flag leaks into the dependencies found through find_package.
add_library(rectifyd_options INTERFACE)
target_compile_features(rectifyd_options INTERFACE cxx_std_20)
target_compile_options(rectifyd_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                  -Wnon-virtual-dtor -Wold-style-cast
                                                  -Wcast-align)
if(RECTIFYD_WERROR)
  target_compile_options(rectifyd_options INTERFACE -Werror)
endif()
if(RECTIFYD_SANITIZE)
  target_compile_options(rectifyd_options INTERFACE -fsanitize=address,undefined
                                                    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(rectifyd_options INTERFACE -fsanitize=address,undefined)
endif()
if(RECTIFYD_FUZZ)
  # Coverage for libFuzzer in every project target; only the fuzz targets link its main.
  target_compile_options(rectifyd_options INTERFACE -fsanitize=fuzzer-no-link)
  target_link_options(rectifyd_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

# The headers that most files include, precompiled once per build: the library's PCH is shared
# by the programs, the papers, the benchmarks and the fuzz targets; the tests share one that
# adds GoogleTest.
option(RECTIFYD_PCH "Precompile the common headers" ON)
set(RECTIFYD_PCH_HEADERS
    <algorithm> <chrono> <cstdint> <functional> <map> <memory> <optional> <set> <string>
    <string_view> <unordered_map> <utility> <variant> <vector>
    <boost/json.hpp> <SQLiteCpp/SQLiteCpp.h> <spdlog/spdlog.h> <date/date.h> <date/tz.h>)

# rectifyd_precompile(target [HEADERS …]): target gets its own precompiled header.
function(rectifyd_precompile target)
  if(RECTIFYD_PCH)
    target_precompile_headers(${target} PRIVATE ${RECTIFYD_PCH_HEADERS} ${ARGN})
  endif()
endfunction()

# rectifyd_reuse_pch(target from): target compiles with the precompiled header of from.
function(rectifyd_reuse_pch target from)
  if(RECTIFYD_PCH)
    target_precompile_headers(${target} REUSE_FROM ${from})
  endif()
endfunction()
