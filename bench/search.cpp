// bench_search: catalog search through the indexes (migration 6) against the full scan search did
// before (Catalog::searchByScan, every row read with LIKE), on a generated catalog of 100 k markers
// and captions in Japanese and English (demo::fillCatalog).
//
// Queries: words of three characters and more (goal p95 < 5 ms) and one- and two-character Japanese
// words (goal p95 < 20 ms). Each round runs every query once each way, alternated; p50/p95 per group
// and their ratios, and the load average beside them.
//   usage: bench_search [--rounds 20] [--dir DIR]   (the catalog is built once in DIR and kept)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "demo/synth_catalog.hpp"

namespace fs = std::filesystem;
using namespace kotsu;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * double(v.size())))];
}

std::string loadavg() {
    std::ifstream f("/proc/loadavg");
    std::string s;
    std::getline(f, s);
    return s;
}

struct Group {
    const char* name;
    std::vector<std::string> queries;
    double goalMs;
};

}  // namespace

int main(int argc, char** argv) {
    int rounds = 20;
    fs::path dir = fs::temp_directory_path() / "kotsu-bench-search";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--rounds")) rounds = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
    }
    fs::create_directories(dir);
    auto dbPath = (dir / "catalog.db").string();
    bool fresh = !fs::exists(dbPath);
    auto cat = catalog::Catalog::open(dbPath, true);
    if (!cat) return std::fprintf(stderr, "bench_search: %s\n", cat.error().what().c_str()), 1;
    if (fresh) {
        std::printf("building the 100 k-row catalog in %s …\n", dbPath.c_str());
        double t = now();
        if (auto s = demo::fillCatalog(*cat, {}); !s) return std::fprintf(stderr, "bench_search: %s\n", s.error().what().c_str()), 1;
        std::printf("built in %.1f s\n", now() - t);
    }
    std::vector<Group> groups{
        {"3+ characters", {"対角線", "トルクレンチ", "保護メガネ", "火花に注意", "torque", "crosswise", "Mind the", "ボルト 確認", "bolt wrench"}, 5},
        {"1-2 character Japanese", {"佐藤", "締", "音", "鈴木", "研磨", "油", "佐藤 締"}, 20},
    };
    std::printf("%-24s %10s %10s %10s %10s %8s %s\n", "queries", "index p50", "index p95", "scan p50", "scan p95",
                "p95 x", "goal");
    for (const auto& g : groups) {
        std::vector<double> idx, scan;
        size_t hits = 0;
        for (int r = 0; r < rounds; ++r) {
            for (const auto& q : g.queries) {
                double t = now();
                auto a = cat->search(q);
                idx.push_back((now() - t) * 1e3);
                t = now();
                auto b = cat->searchByScan(q);
                scan.push_back((now() - t) * 1e3);
                if (!a || !b) return std::fprintf(stderr, "bench_search: query %s failed\n", q.c_str()), 1;
                if (a->size() != b->size()) return std::fprintf(stderr, "bench_search: %s: %zu hits, scan %zu\n", q.c_str(), a->size(), b->size()), 1;
                hits += a->size();
            }
        }
        double p95 = percentile(idx, 0.95);
        std::printf("%-24s %8.2fms %8.2fms %8.2fms %8.2fms %8.3f p95 < %.0f ms: %s  (%zu hits/round)\n", g.name,
                    percentile(idx, 0.5), p95, percentile(scan, 0.5), percentile(scan, 0.95),
                    p95 / std::max(1e-9, percentile(scan, 0.95)), g.goalMs, p95 < g.goalMs ? "met" : "NOT met",
                    hits / static_cast<size_t>(rounds));
    }
    std::printf("loadavg: %s\n", loadavg().c_str());
    return 0;
}
