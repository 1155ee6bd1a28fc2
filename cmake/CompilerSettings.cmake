# One INTERFACE target carries the compile settings every Clinicdesk target shares.
add_library(clinicdesk_settings INTERFACE)
target_compile_features(clinicdesk_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(clinicdesk_settings INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_FOREACH
  QT_NO_KEYWORDS
  QT_STRICT_ITERATORS
  CLINICDESK_VERSION="${PROJECT_VERSION}")
target_compile_options(clinicdesk_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wformat=2 -Wimplicit-fallthrough
  $<$<BOOL:${CLINICDESK_WERROR}>:-Werror>)
if(CLINICDESK_SANITIZE)
  target_compile_options(clinicdesk_settings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(clinicdesk_settings INTERFACE -fsanitize=address,undefined)
endif()
if(CLINICDESK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CLINICDESK_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ "
                        "-DCMAKE_C_COMPILER=clang, or run tests/fuzz/run")
  endif()
  if(CLINICDESK_SANITIZE)
    message(FATAL_ERROR "CLINICDESK_FUZZ brings its own sanitizers; leave CLINICDESK_SANITIZE off")
  endif()
  # Everything core runs is instrumented for coverage and checked by ASan/UBSan; only the fuzz
  # executables link libFuzzer's main (-fsanitize=fuzzer, in tests/fuzz).
  target_compile_options(clinicdesk_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(clinicdesk_settings INTERFACE -fsanitize=address,undefined)
endif()
