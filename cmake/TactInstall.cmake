# cmake --install: public headers, both libraries, the CLI, the default rule
# pack as data, a CMake package (find_package(tact) -> tact::tact and
# tact::tact_static) with a version file, and tact.pc for pkg-config.
include(CMakePackageConfigHelpers)

set(TACT_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/tact")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/tact" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")
install(FILES "${PROJECT_SOURCE_DIR}/capi/tact.h"
              "${PROJECT_BINARY_DIR}/generated/include/tact_version.h"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(FILES "${PROJECT_BINARY_DIR}/generated/include/tact/version.hpp"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tact")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/rules/" DESTINATION "${CMAKE_INSTALL_DATADIR}/tact/rules"
        FILES_MATCHING PATTERN "*.toml" PATTERN "*.tsv" PATTERN "LICENSE*" PATTERN "README.md")

install(TARGETS tact_shared tact_static EXPORT tactTargets
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" NAMELINK_COMPONENT Development
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT tactTargets NAMESPACE tact:: DESTINATION "${TACT_CMAKE_DIR}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/tactConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/tactConfig.cmake"
                              INSTALL_DESTINATION "${TACT_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/tactConfigVersion.cmake"
                                 COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/tactConfig.cmake" "${PROJECT_BINARY_DIR}/tactConfigVersion.cmake"
        DESTINATION "${TACT_CMAKE_DIR}")

configure_file("${PROJECT_SOURCE_DIR}/cmake/tact.pc.in" "${PROJECT_BINARY_DIR}/tact.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/tact.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
