# Tests of issue 25's data part: the ontology and corpus generators, the corpus file and the
# importers of annotated corpora (samples under data/).
seekbench_add_test(NAME test_kg_ontology SOURCES test_kg_ontology.cpp LIBS kg)
seekbench_add_test(NAME test_kg_corpus SOURCES test_kg_corpus.cpp LIBS kg)
seekbench_add_test(NAME test_kg_import SOURCES test_kg_import.cpp LIBS kg)
target_compile_definitions(test_kg_import PRIVATE SEEKBENCH_KG_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data")
set_tests_properties(test_kg_ontology test_kg_corpus test_kg_import PROPERTIES LABELS "kg")
