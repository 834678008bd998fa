# The Python binding (python/zsmetrics): pure Python over libzsmetrics.so.
#
# In the build tree the package is copied to build/python/zsmetrics with a
# _libpath.py naming the library just built, so that after the build
#   PYTHONPATH=build/python python3 -c 'import zsmetrics'
# works.  cmake --install puts the package under the prefix's Python
# folder (ZSM_PYTHON_DIR), its _libpath.py naming the installed library.

set(ZSM_PYTHON_SOURCES python/zsmetrics/__init__.py python/zsmetrics/_lib.py
                       python/zsmetrics/dask.py)
set(ZSM_PYTHON_BUILD_DIR ${CMAKE_BINARY_DIR}/python/zsmetrics)
set(ZSM_PYTHON_DIR "lib/python3/dist-packages" CACHE STRING
    "Where cmake --install puts the Python package, relative to the prefix")

set(copied)
foreach(src ${ZSM_PYTHON_SOURCES})
  get_filename_component(name ${src} NAME)
  add_custom_command(OUTPUT ${ZSM_PYTHON_BUILD_DIR}/${name}
                     COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/${src} ${ZSM_PYTHON_BUILD_DIR}/${name}
                     DEPENDS ${CMAKE_SOURCE_DIR}/${src})
  list(APPEND copied ${ZSM_PYTHON_BUILD_DIR}/${name})
endforeach()
file(GENERATE OUTPUT ${ZSM_PYTHON_BUILD_DIR}/_libpath.py
     CONTENT "# Written by the build: the library this package uses.\nLIBRARY = \"$<TARGET_FILE:zsm_shared>\"\n")
add_custom_target(zsm_python ALL DEPENDS ${copied} zsm_shared)

install(FILES ${ZSM_PYTHON_SOURCES} DESTINATION ${ZSM_PYTHON_DIR}/zsmetrics)
install(CODE "
  set(prefix \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  file(WRITE \"\${prefix}/${ZSM_PYTHON_DIR}/zsmetrics/_libpath.py\"
       \"# Written by cmake --install: the library this package uses.\\nLIBRARY = \\\"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/libzsmetrics.so.${PROJECT_VERSION_MAJOR}\\\"\\n\")")
