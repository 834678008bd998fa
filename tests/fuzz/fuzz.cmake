# Robustness tests, included by tests/CMakeLists.txt.
#
#   hostile    the CLI over hostile inputs (tests/fuzz/hostile.sh), always
#   valgrind   memcheck over samples/ and --list-rules, when valgrind is found
#   fuzz.NAME  the libFuzzer harnesses, with clang and -DZSM_FUZZ=ON only:
#              each runs ZSM_FUZZ_SECONDS (default 60) from its seed corpus
#   fuzz.regression.CASE    a harness over regressions/NAME-CASE.*, once
#
# The harnesses link a second copy of the library, zsm_fuzz, built from the
# same sources (ZSM_LIB_SOURCES, with the embedded default rules) with
# -fsanitize=fuzzer-no-link,address,undefined.  scripts/fuzz.sh configures
# such a build in build-fuzz/ and runs the four harnesses one after another.

set(ZSM_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})

find_program(BASH_PROGRAM bash)
if(BASH_PROGRAM)
  add_test(NAME hostile COMMAND ${BASH_PROGRAM} ${ZSM_FUZZ_DIR}/hostile.sh $<TARGET_FILE:zsmetrics>)
  # Each case has 60 s (timeout(1)); sanitizers make the 20 MB cases slower.
  set(hostile_env HOSTILE_TIMEOUT=60)
  if(ZSM_SANITIZE)
    set(hostile_env HOSTILE_TIMEOUT=300)
  endif()
  set_tests_properties(hostile PROPERTIES TIMEOUT 1800 LABELS robustness SKIP_RETURN_CODE 77
                                          ENVIRONMENT "${hostile_env}")
endif()

find_program(VALGRIND_PROGRAM valgrind)
if(VALGRIND_PROGRAM AND BASH_PROGRAM AND NOT ZSM_SANITIZE)
  add_test(NAME valgrind
           COMMAND ${BASH_PROGRAM} ${ZSM_FUZZ_DIR}/valgrind.sh $<TARGET_FILE:zsmetrics>
                   ${CMAKE_SOURCE_DIR}/samples)
  set_tests_properties(valgrind PROPERTIES TIMEOUT 900 LABELS robustness
                                           ENVIRONMENT "VALGRIND=${VALGRIND_PROGRAM}")
endif()

if(NOT ZSM_FUZZ)
  return()
endif()
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(STATUS "ZSM_FUZZ: the libFuzzer harnesses need clang (CC=clang); not built")
  return()
endif()

set(ZSM_FUZZ_SECONDS 60 CACHE STRING "Seconds each fuzz.NAME test runs its harness")
set(ZSM_FUZZ_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
                   -fno-omit-frame-pointer -g)

# The library again, instrumented for coverage and sanitized.  Its sources
# are listed relative to the top folder; the embedded rules are generated
# there too (by the zsm target's custom command, hence the dependency).
set(zsm_fuzz_sources)
foreach(src IN LISTS ZSM_LIB_SOURCES)
  if(IS_ABSOLUTE "${src}")
    list(APPEND zsm_fuzz_sources ${src})
  else()
    list(APPEND zsm_fuzz_sources ${CMAKE_SOURCE_DIR}/${src})
  endif()
endforeach()
add_library(zsm_fuzz STATIC ${zsm_fuzz_sources})
add_dependencies(zsm_fuzz zsm)
target_include_directories(zsm_fuzz PUBLIC ${CMAKE_SOURCE_DIR}/include PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(zsm_fuzz PRIVATE ZSM_BUILDING)
target_compile_options(zsm_fuzz PRIVATE -fsanitize=fuzzer-no-link ${ZSM_FUZZ_FLAGS})
target_link_libraries(zsm_fuzz PUBLIC PkgConfig::PCRE2 PkgConfig::CJSON PkgConfig::UTF8PROC
                                      Threads::Threads m)
set_target_properties(zsm_fuzz PROPERTIES C_VISIBILITY_PRESET hidden)

set(ZSM_FUZZ_WORK ${CMAKE_BINARY_DIR}/fuzz)
file(MAKE_DIRECTORY ${ZSM_FUZZ_WORK}/artifacts)

# Seeds taken from samples/ at configure time, not copied into the tree.
file(GLOB zsm_fuzz_samples ${CMAKE_SOURCE_DIR}/samples/*.txt)
file(MAKE_DIRECTORY ${ZSM_FUZZ_WORK}/seeds/samples)
file(COPY ${zsm_fuzz_samples} DESTINATION ${ZSM_FUZZ_WORK}/seeds/samples)
file(COPY ${CMAKE_SOURCE_DIR}/rules/default.json DESTINATION ${ZSM_FUZZ_WORK}/seeds/rules)

foreach(name extract numeral rules decode)
  add_executable(fuzz_${name} ${ZSM_FUZZ_DIR}/fuzz_${name}.c)
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer ${ZSM_FUZZ_FLAGS}
                                              -Wall -Wextra -Wshadow -Wconversion)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer ${ZSM_FUZZ_FLAGS})
  target_link_libraries(fuzz_${name} PRIVATE zsm_fuzz)
  set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

  # The working corpus (new inputs land there) first, then the read-only seeds.
  set(corpus ${ZSM_FUZZ_WORK}/corpus/${name})
  file(MAKE_DIRECTORY ${corpus})
  set(seeds ${ZSM_FUZZ_DIR}/corpus/${name})
  if(name STREQUAL "extract" OR name STREQUAL "decode")
    list(APPEND seeds ${ZSM_FUZZ_WORK}/seeds/samples)
  elseif(name STREQUAL "rules")
    list(APPEND seeds ${ZSM_FUZZ_WORK}/seeds/rules)
  endif()
  # dict/text.dict serves both harnesses that read documents.
  set(dict ${name})
  if(name STREQUAL "extract" OR name STREQUAL "decode")
    set(dict text)
  endif()
  set(dict -dict=${ZSM_FUZZ_DIR}/dict/${dict}.dict)
  add_test(NAME fuzz.${name}
           COMMAND fuzz_${name} -max_total_time=${ZSM_FUZZ_SECONDS} -timeout=30
                   -rss_limit_mb=2560 -print_final_stats=1
                   -artifact_prefix=${ZSM_FUZZ_WORK}/artifacts/${name}- ${dict}
                   ${corpus} ${seeds})
  # Inputs that once crashed or broke an invariant (regressions/README.md),
  # one test each: a harness given a file runs it once and exits.
  file(GLOB regressions CONFIGURE_DEPENDS ${ZSM_FUZZ_DIR}/regressions/${name}-*)
  foreach(input IN LISTS regressions)
    get_filename_component(case ${input} NAME_WE)
    add_test(NAME fuzz.regression.${case} COMMAND fuzz_${name} ${input})
    set_tests_properties(fuzz.regression.${case} PROPERTIES TIMEOUT 300 LABELS fuzz
                         ENVIRONMENT "UBSAN_OPTIONS=print_stacktrace=1")
  endforeach()
  math(EXPR fuzz_timeout "${ZSM_FUZZ_SECONDS} * 2 + 120")
  set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT ${fuzz_timeout} LABELS fuzz
                                               ENVIRONMENT "UBSAN_OPTIONS=print_stacktrace=1")
endforeach()
