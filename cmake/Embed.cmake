# Embed a file as a NUL-terminated C byte array:
#   cmake -DINPUT=f.json -DOUTPUT=f.c -DSYMBOL=name -P Embed.cmake
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
get_filename_component(name ${INPUT} NAME)
file(WRITE ${OUTPUT}
  "/* GENERATED at build time from ${name} by cmake/Embed.cmake - do not edit. */\n"
  "#include <stddef.h>\n"
  "extern const char *const ${SYMBOL};\n"
  "extern const size_t ${SYMBOL}_len;\n"
  "static const unsigned char bytes[] = {\n${bytes}0x00};\n"
  "const char *const ${SYMBOL} = (const char *)bytes;\n"
  "const size_t ${SYMBOL}_len = ${size};\n")
