# Checks on the sources themselves, run by every build and by CTest.
#
# - Layers: dependencies run app -> ui -> core and one way between core's folders; a cycle or a
#   backwards include fails the build (cmake/check-layers.py says which include).
# - Owners: every table of the schema is named in the SQL of one core file only, its owner
#   (cmake/check-owners.py says which files share one).
# - Formatting: `cmake --build DIR --target format` formats every file with the project's
#   .clang-format; the CTest test `formatting` (run by tests/run-all, so by CI) fails on any file
#   that differs from it.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
file(GLOB_RECURSE CLINICDESK_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/app/*.h ${CMAKE_SOURCE_DIR}/app/*.cpp
  ${CMAKE_SOURCE_DIR}/ui/*.h ${CMAKE_SOURCE_DIR}/ui/*.cpp
  ${CMAKE_SOURCE_DIR}/core/*.h ${CMAKE_SOURCE_DIR}/core/*.cpp
  ${CMAKE_SOURCE_DIR}/tests/*.h ${CMAKE_SOURCE_DIR}/tests/*.cpp)
list(FILTER CLINICDESK_SOURCES EXCLUDE REGEX "/tests/fuzz/corpus")

add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/layers.checked
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/cmake/check-layers.py ${CMAKE_SOURCE_DIR}
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/cmake/check-owners.py ${CMAKE_SOURCE_DIR}
  COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_BINARY_DIR}/layers.checked
  DEPENDS ${CLINICDESK_SOURCES} ${CMAKE_SOURCE_DIR}/cmake/check-layers.py ${CMAKE_SOURCE_DIR}/cmake/check-owners.py
  COMMENT "Checking that dependencies run one way and every table has one owner"
  VERBATIM)
add_custom_target(check_layers ALL DEPENDS ${CMAKE_BINARY_DIR}/layers.checked)

find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(CLANG_FORMAT)
  add_custom_target(format COMMAND ${CLANG_FORMAT} -i ${CLINICDESK_SOURCES}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} COMMENT "Formatting every source file with .clang-format" VERBATIM)
endif()
