cmake_minimum_required(VERSION 3.25)
# ferry_core must not link QtGui/QtWidgets: check the shared libraries a core-only binary loads.
# Usage: cmake -DBINARY=<path to ferry-cli> -P check_no_gui_link.cmake
execute_process(COMMAND ldd ${BINARY} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ldd failed on ${BINARY}")
endif()
if(NOT out MATCHES "libQt6Core")
  message(FATAL_ERROR "${BINARY} does not load libQt6Core: the check is looking at the wrong file")
endif()
if(out MATCHES "libQt6(Gui|Widgets|Charts|OpenGL)")
  message(FATAL_ERROR "${BINARY} (core only) loads a GUI library:\n${out}")
endif()
message(STATUS "${BINARY} loads no GUI library")
