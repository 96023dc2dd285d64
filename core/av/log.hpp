#pragma once
// libav's own logging: quiet by default (kotsu reports errors itself), verbose with KOTSU_AV_LOG=debug|info|warning.
namespace kotsu::av {
void configureLogging();
}
