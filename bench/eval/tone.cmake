# Tone accuracy: tact_eval_tone prints the figures; tests/tone's floor test
# computes the same ones from tone_metrics.cpp.
target_sources(tact_eval_lib PRIVATE "${CMAKE_CURRENT_LIST_DIR}/tone_metrics.cpp")
add_executable(tact_eval_tone "${CMAKE_CURRENT_LIST_DIR}/eval_tone.cpp")
target_link_libraries(tact_eval_tone PRIVATE tact_eval_lib tact_static tact_warnings)
target_compile_definitions(tact_eval_tone PRIVATE TACT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
