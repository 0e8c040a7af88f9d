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
