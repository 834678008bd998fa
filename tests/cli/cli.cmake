# Command-line behaviour of zsmetrics - inputs (stdin, files, folders,
# --files-from, --input jsonl, FIFOs), output formats, order, filters, exit
# statuses, rules files, encodings - as data: the cases of
# tests/cli/cases/*.test (the format: tests/cli/README.md).  One ctest test
# runs them all and prints "N passed, N failed"; case names or patterns after
# the two arguments run just those:
#   python3 tests/cli/run_cases.py build/zsmetrics samples 'folder_*'
if(Python3_Interpreter_FOUND)
  set(ZSM_CLI_PYTHON ${Python3_EXECUTABLE})
else()
  set(ZSM_CLI_PYTHON python3)
endif()
add_test(NAME cli
         COMMAND ${ZSM_CLI_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_cases.py
                 $<TARGET_FILE:zsmetrics> ${CMAKE_SOURCE_DIR}/samples)
set_tests_properties(cli PROPERTIES TIMEOUT 120 LABELS cli)
