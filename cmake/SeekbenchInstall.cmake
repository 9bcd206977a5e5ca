# Install rules and the Debian package (issue 28). `cmake --install BUILD --prefix /usr`, or
# scripts/package, which runs `cpack -G DEB`. Nothing installed depends on the build folder:
# the GUI finds seekbench-cli next to itself or on PATH, its configs, translations and icon
# are Qt resources, and the CLI reads only what it is given.
include(GNUInstallDirs)

set(SEEKBENCH_APP_ID io.github.seekbench.Seekbench)
set(SEEKBENCH_PROJECT_URL "https://github.com/seekbench/seekbench" CACHE STRING
    "The project's home page, for the AppStream metainfo")
set(SEEKBENCH_SCREENSHOT_URL "${SEEKBENCH_PROJECT_URL}/raw/main/docs/screenshots" CACHE STRING
    "Where docs/screenshots is published, for the AppStream metainfo's screenshots")
set(SEEKBENCH_RELEASE_DATE "2026-12-04" CACHE STRING "The date of this version's release")

install(TARGETS seekbench-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
file(GLOB _seekbench_configs ${PROJECT_SOURCE_DIR}/resources/configs/*.yaml)
install(FILES ${_seekbench_configs} DESTINATION ${CMAKE_INSTALL_DATADIR}/seekbench/configs)

# The man page and the completion scripts come from seekbench-cli's own definitions (the
# ones --help prints), written after every build of it.
set(_gen ${PROJECT_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${_gen}/seekbench-cli.1 ${_gen}/seekbench-cli.1.gz ${_gen}/seekbench-cli.bash ${_gen}/_seekbench-cli
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_gen}
  COMMAND sh -c "\"$0\" man > \"$1\" && gzip -9n -c \"$1\" > \"$1.gz\" && \"$0\" completion bash > \"$2\" && \"$0\" completion zsh > \"$3\""
          $<TARGET_FILE:seekbench-cli> ${_gen}/seekbench-cli.1 ${_gen}/seekbench-cli.bash ${_gen}/_seekbench-cli
  DEPENDS seekbench-cli
  COMMENT "seekbench-cli: man page and bash/zsh completion from its definitions"
  VERBATIM)
add_custom_target(cli_help_files ALL DEPENDS ${_gen}/seekbench-cli.1 ${_gen}/seekbench-cli.bash ${_gen}/_seekbench-cli)
install(FILES ${_gen}/seekbench-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/resources/packaging/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/seekbench)
install(FILES ${_gen}/seekbench-cli.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME seekbench-cli)
install(FILES ${_gen}/_seekbench-cli DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

if(TARGET seekbench)
  install(TARGETS seekbench seekbench-report RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  add_custom_command(OUTPUT ${_gen}/seekbench.1.gz
    COMMAND sh -c "gzip -9n -c \"$0\" > \"$1\"" ${PROJECT_SOURCE_DIR}/resources/man/seekbench.1 ${_gen}/seekbench.1.gz
    DEPENDS ${PROJECT_SOURCE_DIR}/resources/man/seekbench.1 VERBATIM)
  add_custom_target(gui_man_page ALL DEPENDS ${_gen}/seekbench.1.gz)
  install(FILES ${_gen}/seekbench.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/packaging/${SEEKBENCH_APP_ID}.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/packaging/${SEEKBENCH_APP_ID}.mime.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME ${SEEKBENCH_APP_ID}.xml)
  configure_file(${PROJECT_SOURCE_DIR}/resources/packaging/${SEEKBENCH_APP_ID}.metainfo.xml.in
                 ${_gen}/${SEEKBENCH_APP_ID}.metainfo.xml @ONLY)
  install(FILES ${_gen}/${SEEKBENCH_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

  # The icon: the SVG, and PNGs rendered from it at the hicolor theme's sizes.
  set(_icon_svg ${PROJECT_SOURCE_DIR}/resources/icons/${SEEKBENCH_APP_ID}.svg)
  set(_icon_sizes 16 24 32 48 64 128 256 512)
  set(_icon_pngs)
  foreach(_size ${_icon_sizes})
    list(APPEND _icon_pngs ${_gen}/icons/${_size}x${_size}.png)
  endforeach()
  add_custom_command(
    OUTPUT ${_icon_pngs}
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen $<TARGET_FILE:seekbench-render-icon> ${_icon_svg}
            ${_gen}/icons ${_icon_sizes}
    DEPENDS seekbench-render-icon ${_icon_svg}
    COMMENT "Seekbench icon: PNG sizes from the SVG"
    VERBATIM)
  add_custom_target(app_icons ALL DEPENDS ${_icon_pngs})
  install(FILES ${_icon_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  foreach(_size ${_icon_sizes})
    install(FILES ${_gen}/icons/${_size}x${_size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps RENAME ${SEEKBENCH_APP_ID}.png)
  endforeach()
endif()

# The Debian package: Depends from the programs' shared libraries (dpkg-shlibdeps), plus
# what they load at run time that the linker cannot see: OpenBLAS in its OpenMP build (the
# BLAS behind LibTorch; the reference BLAS trains ~17x slower).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME seekbench)
set(CPACK_PACKAGE_VENDOR "The Seekbench developers")
set(CPACK_PACKAGE_CONTACT "The Seekbench developers <dev@seekbench.local>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop workbench for training and inspecting DeepSeek-style models")
set(CPACK_PACKAGE_DESCRIPTION
    "Seekbench trains DeepSeek-style transformer models with LibTorch on this machine or a\n\
Slurm cluster, records every run in a project store, and lets engineers watch, compare,\n\
tune, inspect and export them. The package holds the desktop application (seekbench) and\n\
the headless command-line tool (seekbench-cli), with man pages and shell completion.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${SEEKBENCH_PROJECT_URL})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-openmp")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-wqy-microhei, qt6-translations-l10n, dataset-fashion-mnist")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "slurm-client")
include(CPack)
