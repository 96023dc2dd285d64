# Writes a C++ file holding each of FILES (relative to DIR) as a byte array, and a table of them:
#   #include "HEADER"   namespace NAMESPACE { std::span<const Asset> FUNCTION(); }
# HEADER declares `struct Asset { std::string_view name, data; }` and the function.
string(REPLACE "," ";" FILES "${FILES}")
set(body "#include \"${HEADER}\"\nnamespace ${NAMESPACE} {\nnamespace {\n")
set(table "")
set(i 0)
foreach(f ${FILES})
  file(READ ${DIR}/${f} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(APPEND body "const unsigned char d${i}[] = {${hex} 0};\n")
  string(APPEND table "    {\"${f}\", std::string_view(reinterpret_cast<const char*>(d${i}), sizeof(d${i}) - 1)},\n")
  math(EXPR i "${i}+1")
endforeach()
string(APPEND body "}  // namespace\nstd::span<const Asset> ${FUNCTION}() {\n  static const Asset table[] = {\n${table}  };\n  return table;\n}\n}  // namespace ${NAMESPACE}\n")
file(WRITE ${OUT} "${body}")
