#pragma once
// A library with one ingested session (generated footage with speech-like audio), its steps,
// knack and safety markers and Japanese captions — ready to package.
#include <gtest/gtest.h>

#include "capture/ingest.hpp"
#include "core/library.hpp"
#include "demo/demo_session.hpp"
#include "tests/support/test_support.hpp"
#include "demo/synth.hpp"

namespace kotsu::test {

struct PackagedSession {
    ScratchDir dir;
    Library lib;
    std::optional<catalog::Catalog> cat;
    Session session;
    Asset asset;

    explicit PackagedSession(const std::string& name, Micros duration = 12'000'000, bool withMarkers = true)
        : dir(name) {
        auto l = Library::init(dir / "library");
        EXPECT_TRUE(l.ok());
        lib = *l;
        auto c = lib.openCatalog();
        EXPECT_TRUE(c.ok());
        cat.emplace(std::move(c).value());
        demo::DemoShape shape;
        shape.duration = duration;
        shape.width = 640;
        shape.height = 360;
        auto footage = dir / "footage.mp4";
        auto s = demo::synthesize(demo::footageSpec(shape), footage);
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().what());
        capture::IngestRequest req;
        req.sessionTitle = "フランジ締結 " + name;
        req.worker = "佐藤";
        auto reports = capture::ingest(lib, *cat, req, {footage.string()});
        EXPECT_TRUE(reports.size() == 1 && reports[0].ok) << (reports.empty() ? "" : reports[0].error.what());
        session = reports[0].session;
        asset = reports[0].asset;
        if (!withMarkers) return;
        auto markers = demo::demoMarkers(asset.probe.duration);
        for (auto& m : markers) m.sessionId = session.id;
        EXPECT_TRUE(cat->replaceMarkers(session.id, markers).ok());
        EXPECT_TRUE(cat->replaceCues(session.id, "ja", demo::demoCaptions(asset.probe.duration)).ok());
    }
};

}  // namespace kotsu::test
