# Runs the C, C++ and Python examples (paths in C, CXX, PYTHON + SCRIPT) and
# fails unless they all succeed and print the same bytes.
execute_process(COMMAND "${C}" RESULT_VARIABLE c_rc OUTPUT_VARIABLE c_out)
execute_process(COMMAND "${CXX}" RESULT_VARIABLE cxx_rc OUTPUT_VARIABLE cxx_out)
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" RESULT_VARIABLE py_rc OUTPUT_VARIABLE py_out)
if(NOT c_rc EQUAL 0 OR NOT cxx_rc EQUAL 0 OR NOT py_rc EQUAL 0)
  message(FATAL_ERROR "an example failed: C ${c_rc}, C++ ${cxx_rc}, Python ${py_rc}")
endif()
if(NOT c_out STREQUAL cxx_out OR NOT c_out STREQUAL py_out)
  message(FATAL_ERROR "the examples disagree:\n--- C\n${c_out}--- C++\n${cxx_out}--- Python\n${py_out}")
endif()
message(STATUS "C, C++ and Python print the same:\n${c_out}")
