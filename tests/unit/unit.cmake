# Unit tests: each runner reads concrete cases from a data file and names
# the failing line.
add_executable(test_numeral ${CMAKE_CURRENT_LIST_DIR}/test_numeral.c)
target_link_libraries(test_numeral PRIVATE zsm)
zsm_warnings(test_numeral)
add_test(NAME unit.numerals COMMAND test_numeral ${CMAKE_CURRENT_LIST_DIR}/numerals.test)

# Every rule's examples and near misses, from the rules file itself.
add_executable(test_rules ${CMAKE_CURRENT_LIST_DIR}/test_rules.c)
target_link_libraries(test_rules PRIVATE zsm PkgConfig::CJSON m)
zsm_warnings(test_rules)
add_test(NAME unit.rules COMMAND test_rules ${CMAKE_SOURCE_DIR}/rules/default.json)
# The example of an added rules file that rules/README.md shows.
add_test(NAME unit.rules_example
         COMMAND test_rules ${CMAKE_SOURCE_DIR}/rules/default.json
                 ${CMAKE_SOURCE_DIR}/rules/examples/landed-projects.json)

# Decoding, normalization, the offset map and line numbers.
add_executable(test_text ${CMAKE_CURRENT_LIST_DIR}/test_text.c)
target_include_directories(test_text PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(test_text PRIVATE zsm)
zsm_warnings(test_text)
foreach(kind decode normalize offsets lines)
  add_test(NAME unit.${kind} COMMAND test_text ${kind} ${CMAKE_CURRENT_LIST_DIR}/${kind}.test)
endforeach()

# Shared definitions: numeral characters vs the rules' {{NUM}}, the one
# number format of every output, the first code points of a pattern.
add_executable(test_core ${CMAKE_CURRENT_LIST_DIR}/test_core.c)
target_include_directories(test_core PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(test_core PRIVATE zsm PkgConfig::PCRE2 m)
zsm_warnings(test_core)
add_test(NAME unit.numchars COMMAND test_core numchars ${CMAKE_SOURCE_DIR}/rules/default.json)
# The first code points read off every pattern never hide a match (the
# prefilter of the match and lexicon stages), over the samples' text.
file(GLOB ZSM_SAMPLE_TEXTS ${CMAKE_SOURCE_DIR}/samples/*.txt)
add_test(NAME unit.first COMMAND test_core first ${CMAKE_SOURCE_DIR}/rules/default.json
                                 ${ZSM_SAMPLE_TEXTS})
# The interpreter (a pattern's first matches in a short document) and the
# JIT find the same matches, every pattern at every place (zsm_regex.h).
add_test(NAME unit.regex COMMAND test_core regex ${CMAKE_SOURCE_DIR}/rules/default.json
                                 ${ZSM_SAMPLE_TEXTS})
# Lexicon entries read as plain strings match as PCRE2 does (zsm_literal.c).
add_test(NAME unit.literal COMMAND test_core literal ${CMAKE_SOURCE_DIR}/rules/default.json
                                   ${ZSM_SAMPLE_TEXTS})
# Every lexicon search, shortcuts and all, finds what PCRE2 alone finds.
add_test(NAME unit.lexicon COMMAND test_core lexicon ${CMAKE_SOURCE_DIR}/rules/default.json
                                   ${ZSM_SAMPLE_TEXTS})
# The currency fragments, grouped by first character, match as the plain
# alternation of their words.
add_test(NAME unit.currency COMMAND test_core currency ${CMAKE_SOURCE_DIR}/rules/default.json
                                    ${ZSM_SAMPLE_TEXTS})
# Clause starts (a byte scan) equal a walk over the characters.
add_test(NAME unit.clauses COMMAND test_core clauses ${ZSM_SAMPLE_TEXTS})
add_test(NAME unit.numbers COMMAND test_core numbers ${CMAKE_CURRENT_LIST_DIR}/numbers.test)
# Period phrases and dates; then the period scan's one walk against a
# search for each period word, over the samples.
add_test(NAME unit.periods COMMAND test_core periods ${CMAKE_SOURCE_DIR}/rules/default.json
                                   ${CMAKE_CURRENT_LIST_DIR}/periods.test ${ZSM_SAMPLE_TEXTS}
                                   ${CMAKE_CURRENT_LIST_DIR}/period-openers.txt)

# The streaming JSON writer against cJSON, the oracle: every sample's
# record read back field by field, and escapes of every kind.
add_executable(test_writer ${CMAKE_CURRENT_LIST_DIR}/test_writer.c)
target_link_libraries(test_writer PRIVATE zsm PkgConfig::CJSON)
zsm_warnings(test_writer)
add_test(NAME unit.writer COMMAND test_writer ${ZSM_SAMPLE_TEXTS})
