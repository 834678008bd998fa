# Money expressions from 11 other extractors' public test suites (see
# tests/peer/SOURCES.md): every case passes unless known_failures.tsv says
# why zsmetrics does not read it.
if(Python3_Interpreter_FOUND)
  add_test(NAME peer.money
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_peer.py $<TARGET_FILE:zsmetrics>)
endif()
