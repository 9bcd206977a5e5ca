# Tests of issue 25's graph part: extraction metrics and the outputs file, linking and
# negation, verification into a graph with the dictionary baseline, rare-disease ranking.
seekbench_add_test(NAME test_kg_metrics SOURCES test_kg_metrics.cpp LIBS kg)
seekbench_add_test(NAME test_kg_linking SOURCES test_kg_linking.cpp LIBS kg)
seekbench_add_test(NAME test_kg_graph SOURCES test_kg_graph.cpp LIBS kg)
seekbench_add_test(NAME test_kg_ranking SOURCES test_kg_ranking.cpp LIBS kg)
set_tests_properties(test_kg_metrics test_kg_linking test_kg_graph test_kg_ranking PROPERTIES LABELS "kg")
