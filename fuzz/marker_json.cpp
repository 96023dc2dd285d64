// core/marker_io: marker JSON from anyone; what it accepts writes back and reads again the same.
#include "core/marker_io.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kotsu;
    auto markers = parseMarkersJson(fuzz::asText(data, size), "fuzz.json");
    if (!markers) {
        KOTSU_FUZZ_CHECK(!markers.error().what().empty());
        return 0;
    }
    auto again = parseMarkersJson(writeMarkersJson(*markers), "again.json");
    KOTSU_FUZZ_CHECK(again.ok());
    KOTSU_FUZZ_CHECK(again->size() == markers->size());
    for (size_t i = 0; i < markers->size(); ++i) {
        KOTSU_FUZZ_CHECK((*again)[i].in == (*markers)[i].in && (*again)[i].out == (*markers)[i].out);
        KOTSU_FUZZ_CHECK((*again)[i].title == (*markers)[i].title && (*again)[i].tags == (*markers)[i].tags &&
                         (*again)[i].angle == (*markers)[i].angle);
    }
    return 0;
}
