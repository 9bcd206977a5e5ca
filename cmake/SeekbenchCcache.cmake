# Use ccache when it is installed. The settings travel in the environment of the
# launcher so that a developer's own ccache.conf is left alone.
find_program(SEEKBENCH_CCACHE ccache)
if(SEEKBENCH_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      CCACHE_COMPRESS=1 CCACHE_NOHASHDIR=true CCACHE_BASEDIR=${CMAKE_SOURCE_DIR}
      ${SEEKBENCH_CCACHE})
  message(STATUS "Seekbench: using ccache at ${SEEKBENCH_CCACHE}")
endif()
