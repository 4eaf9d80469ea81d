cmake_minimum_required(VERSION 3.25)
# The layer rule (DESIGN.md): nothing under src/ or include/ includes a widget or GUI header.
# Usage: cmake -DROOT=<dir with src/ and include/> -DQT_INCLUDE_DIR=<qt6 include dir> -P check_layer_rule.cmake
# Fails (non-zero exit) and names every offending line. The list of forbidden headers is read from the
# installed QtWidgets, QtGui, QtCharts and QtOpenGL include folders, so a new widget class is caught too.
if(NOT ROOT OR NOT QT_INCLUDE_DIR)
  message(FATAL_ERROR "ROOT and QT_INCLUDE_DIR must be set")
endif()

set(forbidden_modules QtWidgets QtGui QtCharts QtOpenGL QtOpenGLWidgets QtPrintSupport)
set(forbidden "")
foreach(mod ${forbidden_modules})
  list(APPEND forbidden ${mod})
  file(GLOB headers RELATIVE ${QT_INCLUDE_DIR}/${mod} ${QT_INCLUDE_DIR}/${mod}/Q*)
  foreach(h ${headers})
    if(NOT h MATCHES "\\.h$")
      list(APPEND forbidden ${h})
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES forbidden)
if(NOT "QWidget" IN_LIST forbidden OR NOT "QApplication" IN_LIST forbidden)
  message(FATAL_ERROR "Could not read the widget headers from ${QT_INCLUDE_DIR}: the check would be blind")
endif()

file(GLOB_RECURSE sources ${ROOT}/src/*.h ${ROOT}/src/*.hpp ${ROOT}/src/*.cpp ${ROOT}/src/*.cc
                          ${ROOT}/include/*.h ${ROOT}/include/*.hpp)
set(violations "")
set(scanned 0)
foreach(f ${sources})
  math(EXPR scanned "${scanned} + 1")
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line ${lines})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*$" "\\1" inc "${line}")
    string(REGEX REPLACE "/.*$" "" first "${inc}")   # QtWidgets/QWidget -> QtWidgets
    string(REGEX REPLACE "^.*/" "" last "${inc}")    # QtWidgets/QWidget -> QWidget
    if(first IN_LIST forbidden_modules OR (inc STREQUAL last AND last IN_LIST forbidden))
      file(RELATIVE_PATH rel ${ROOT} ${f})
      list(APPEND violations "${rel}: ${line}")
    endif()
  endforeach()
endforeach()

if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "Layer rule broken: widget/GUI headers included below src/ or include/:\n  ${text}")
endif()
message(STATUS "Layer rule holds: ${scanned} files under src/ and include/ include no widget or GUI header.")
