# The CLI over samples/: byte-for-byte golden output, the output contract,
# and the accuracy scores on the seeds and samples (needs ../shared).
add_test(NAME golden.samples
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_golden.sh $<TARGET_FILE:zsmetrics> ${CMAKE_SOURCE_DIR})
file(GLOB ZSM_SAMPLE_FILES ${CMAKE_SOURCE_DIR}/samples/*.txt)
if(Python3_FOUND)
  add_test(NAME golden.contract
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_contract.py
                   $<TARGET_FILE:zsmetrics> ${ZSM_SAMPLE_FILES})
  add_test(NAME golden.score
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/score.sh $<TARGET_FILE:zsmetrics>
                   ${CMAKE_SOURCE_DIR} ${ZSM_SHARED_DIR})
  set_tests_properties(golden.score PROPERTIES SKIP_RETURN_CODE 77)
endif()
