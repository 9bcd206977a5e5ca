# Settings for Seekbench's own targets. Everything is target-scoped.

function(seekbench_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(SEEKBENCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SEEKBENCH_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# Qt targets: strict definitions (style.md, practice 10).
function(seekbench_qt_defaults target)
  seekbench_target_defaults(${target})
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII
                                               QT_NO_CAST_TO_ASCII QT_NO_FOREACH)
endfunction()

# One Qt Test executable per class or unit.
#   seekbench_add_test(NAME test_config SOURCES a.cpp LIBS core_api [LABELS x] [TIMEOUT s])
function(seekbench_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  seekbench_qt_defaults(${T_NAME})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE SEEKBENCH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(TARGET seekbench-cli)
    target_compile_definitions(${T_NAME} PRIVATE SEEKBENCH_CLI_PATH="$<TARGET_FILE:seekbench-cli>")
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
      ENVIRONMENT "QT_QPA_PLATFORM=offscreen;OMP_NUM_THREADS=1;SEEKBENCH_THREADS=1")
  if(T_LABELS)
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
  endif()
endfunction()
