# kotsu_embed(OUT file DIR dir HEADER h NAMESPACE ns FUNCTION fn FILES f...): generates OUT at build
# time, a C++ file holding the FILES (relative to DIR) as byte arrays behind `ns::fn()` (cmake/embed.cmake).
function(kotsu_embed)
  cmake_parse_arguments(E "" "OUT;DIR;HEADER;NAMESPACE;FUNCTION" "FILES" ${ARGN})
  set(deps)
  foreach(f ${E_FILES})
    list(APPEND deps ${E_DIR}/${f})
  endforeach()
  string(REPLACE ";" "," files_arg "${E_FILES}")
  add_custom_command(OUTPUT ${E_OUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${E_OUT} -DDIR=${E_DIR} -DFILES=${files_arg}
            -DHEADER=${E_HEADER} -DNAMESPACE=${E_NAMESPACE} -DFUNCTION=${E_FUNCTION}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    VERBATIM)
endfunction()
