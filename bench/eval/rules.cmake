# Rule-pack accuracy on the labelled development set: the metrics live in
# tact_eval_lib (the floor test in tests/rules uses them too) and
# tact_eval_rules prints them:
#
#   cmake --build build --target tact_eval_rules && build/bench/eval/tact_eval_rules
target_sources(tact_eval_lib PRIVATE "${CMAKE_CURRENT_LIST_DIR}/rules_metrics.cpp")
add_executable(tact_eval_rules "${CMAKE_CURRENT_LIST_DIR}/eval_rules.cpp")
target_link_libraries(tact_eval_rules PRIVATE tact_eval_lib tact_warnings)
