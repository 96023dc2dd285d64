// player/package/package_verify over a folder the input describes, written afresh for each input:
//   the text before the first "=== " line is manifest.json;
//   "=== NAME" starts a regular file NAME holding the lines that follow,
//   "=== NAME -> TARGET" makes NAME a symbolic link, "=== NAME |" makes NAME a FIFO.
// Verify must finish (no symlink followed, no FIFO opened) and report problems as one line each.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "player/package/package_source.hpp"
#include "player/package/package_verify.hpp"

namespace fs = std::filesystem;

namespace {

fs::path scratch() {
    static const fs::path dir = fs::temp_directory_path() / ("kotsu-fuzz-verify-" + std::to_string(::getpid()));
    return dir;
}

void make(const fs::path& root, const std::string& header, const std::string& body) {
    std::string name = header, target;
    bool fifo = false;
    if (auto arrow = header.find(" -> "); arrow != std::string::npos) {
        name = header.substr(0, arrow);
        target = header.substr(arrow + 4);
        if (target.rfind("/dev/", 0) == 0) target = "/dev/zero";
        else if (!kotsu::package::safeRelativeName(target)) return;
    } else if (header.size() > 2 && header.compare(header.size() - 2, 2, " |") == 0) {
        name = header.substr(0, header.size() - 2);
        fifo = true;
    }
    if (name.size() > 100 || !kotsu::package::safeRelativeName(name)) return;
    std::error_code ec;
    fs::path p = root / name;
    fs::create_directories(p.parent_path(), ec);
    if (!target.empty()) fs::create_symlink(target, p, ec);
    else if (fifo) ::mkfifo(p.c_str(), 0600);
    else std::ofstream(p, std::ios::binary) << body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kotsu;
    const fs::path root = scratch() / "pkg";
    std::error_code ec;
    fs::remove_all(scratch(), ec);
    fs::create_directories(root, ec);
    std::string text(fuzz::asText(data, size));
    std::string header = "manifest.json", body;
    int files = 0;
    size_t pos = 0;
    while (pos <= text.size() && files < 32) {
        size_t end = text.find('\n', pos);
        std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (line.rfind("=== ", 0) == 0) {
            make(root, header, body);
            ++files;
            header = line.substr(4);
            body.clear();
        } else {
            body += line + (end == std::string::npos ? "" : "\n");
        }
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    make(root, header, body);
    auto report = package::verifyPackage(root);
    if (report) {
        for (const auto& p : report->problems) KOTSU_FUZZ_CHECK(p.problem.find('\n') == std::string::npos);
    } else {
        KOTSU_FUZZ_CHECK(!report.error().what().empty());
    }
    fs::remove_all(scratch(), ec);
    return 0;
}
