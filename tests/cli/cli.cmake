# Command-line behaviour of zsmetrics: inputs (stdin, files, folders,
# --files-from, --input jsonl, FIFOs), output formats, order, filters, exit
# statuses, rules files and encodings.  One ctest test runs every case of
# tests/cli/cases/ and prints "N passed, N failed"; a case name after the
# two arguments runs just that case:
#   bash tests/cli/run_cli_tests.sh build/zsmetrics samples folder_glob_md
add_test(NAME cli
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_cli_tests.sh
                 $<TARGET_FILE:zsmetrics> ${CMAKE_SOURCE_DIR}/samples)
set_tests_properties(cli PROPERTIES TIMEOUT 120 LABELS cli)
