# Tests of issue 25's store part: graphs in the project's store (schema 15) and the
# graph's exports (GraphML, CSV, Cypher).
seekbench_add_test(NAME test_kg_store SOURCES test_kg_store.cpp kg_store_fixture.h LIBS kg projects)
seekbench_add_test(NAME test_kg_store_speed SOURCES test_kg_store_speed.cpp LIBS kg projects)
target_include_directories(test_kg_store PRIVATE ${PROJECT_SOURCE_DIR}/tests/projects) # test_support.h
target_include_directories(test_kg_store_speed PRIVATE ${PROJECT_SOURCE_DIR}/tests/projects)
seekbench_add_test(NAME test_kg_export SOURCES test_kg_export.cpp LIBS kg)
set_tests_properties(test_kg_store test_kg_store_speed test_kg_export PROPERTIES LABELS "kg")
