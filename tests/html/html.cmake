# The review page in a real browser (Chromium headless; skipped without it):
# every metric one mark, the summary sorts and filters, hostile text inert,
# a screenshot kept as build/artifacts/review-samples.png.
if(Python3_Interpreter_FOUND)
  add_test(NAME html.review
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/html_test.py
                   $<TARGET_FILE:zsmetrics> ${CMAKE_SOURCE_DIR}/samples ${CMAKE_BINARY_DIR}/artifacts)
  set_tests_properties(html.review PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS html)
endif()
