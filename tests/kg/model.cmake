# Tests of issue 25's model part: the NER + RE task and the CLI verbs end to end.
if(TARGET seekbench-cli)
  seekbench_add_test(NAME test_kg_cli SOURCES test_kg_cli.cpp LIBS Qt6::Core TIMEOUT 600)
  add_dependencies(test_kg_cli seekbench-cli)
  target_include_directories(test_kg_cli PRIVATE ${PROJECT_SOURCE_DIR}/tests/cli) # cli_test_support.h
  set_tests_properties(test_kg_cli PROPERTIES LABELS "kg")
endif()
