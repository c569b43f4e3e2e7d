// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The demo page's files (server/assets/), compiled into the binary so the
// page works offline and needs nothing installed beside `tact`.
#ifndef TACT_SERVER_ASSETS_HPP_
#define TACT_SERVER_ASSETS_HPP_

#include <string_view>

namespace tact::serve {

struct Asset {
  std::string_view path;  // "/" for index.html, else "/" + file name
  std::string_view content_type;
  std::string_view body;
};

// The asset served at `path`, or nullptr. Defined in the generated
// assets.cpp (server/embed_assets.cmake).
const Asset* find_asset(std::string_view path);

}  // namespace tact::serve

#endif  // TACT_SERVER_ASSETS_HPP_
