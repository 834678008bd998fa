# Picky warnings for our own targets (curl's PickyWarnings.cmake, cJSON).
function(zsm_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wconversion -Wstrict-prototypes -Wmissing-prototypes
    -Wformat=2 -Wvla -Wpointer-arith)
  if(ZSM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
