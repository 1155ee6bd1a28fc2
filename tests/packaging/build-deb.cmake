# cmake -D CPACK=… -D CONFIG=…/CPackConfig.cmake -D OUT=DIR -P build-deb.cmake
# Builds the .deb into an emptied DIR, so the test never picks up the package of an older version.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${CPACK} -G DEB --config ${CONFIG} -B ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed (${rc})")
endif()
file(REMOVE_RECURSE ${OUT}/_CPack_Packages)
