# The Python binding (pytest) and the runs beyond one machine: a Dask
# LocalCluster and GNU parallel over ssh.  Not in the sanitizer build (its
# shared library needs the sanitizer runtime preloaded into Python).
if(NOT ZSM_SANITIZE)
  # Debian's interpreter holds Debian's python3-pandas, -pytest, -distributed.
  set(ZSM_TEST_PYTHON_DEFAULT ${Python3_EXECUTABLE})
  if(EXISTS /usr/bin/python3)
    set(ZSM_TEST_PYTHON_DEFAULT /usr/bin/python3)
  endif()
  set(ZSM_TEST_PYTHON ${ZSM_TEST_PYTHON_DEFAULT} CACHE FILEPATH "Python for the binding's tests")
  set(env "PYTHONPATH=${CMAKE_BINARY_DIR}/python:${CMAKE_CURRENT_LIST_DIR}"
          "ZSM_CLI=$<TARGET_FILE:zsmetrics>" "ZSMETRICS_LIB=$<TARGET_FILE:zsm_shared>")
  foreach(part binding dask)
    add_test(NAME python.${part}
             COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run.sh ${ZSM_TEST_PYTHON}
                     ${CMAKE_CURRENT_LIST_DIR}/test_${part}.py)
    set_tests_properties(python.${part} PROPERTIES ENVIRONMENT "${env}" SKIP_RETURN_CODE 77
                                                   LABELS python)
  endforeach()
  add_test(NAME scale.parallel_ssh
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/scale/parallel_ssh.sh $<TARGET_FILE:zsmetrics>
                   ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/samples)
  set_tests_properties(scale.parallel_ssh PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS python)
endif()
