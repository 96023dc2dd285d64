#!/usr/bin/env python3
"""The architecture rules of kotsu (docs/ARCHITECTURE.md "Rules"), checked on the source tree.

    python3 scripts/check_layers.py [ROOT]      # exit 1 and one "file:line: rule" per violation
    python3 scripts/check_layers.py --self-test # plants one violation of each kind in a temp tree

Rules:
  layers   a module includes only itself and the modules its CMake target links (transitively), and
           the CMake links themselves point down the order below; tests/, bench/ and fuzz/ include anything.
  gui      ImGui/SDL/GL headers only in the GUI code (annotate/ui, apps/kotsu-annotate and the tests
           and benchmark that link the UI).
  libav    libav objects are allocated and freed only in core/av.
  sql      SQL text only in core/catalog.
  demux    demux loops (av_read_frame, InputFile::read) only in core/av: everything else reads
           through av::MediaReader.
  opencv   OpenCV only in annotate/suggest.

Standard library only: it runs wherever python3 does, before anything is built.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The order of the modules, lower first. A CMake target may link only targets of a lower rank;
# targets of one rank (capture and transcode; package and suggest) never link each other.
RANKS = {
    "kotsu_core": 0,
    "kotsu_capture": 1,
    "kotsu_transcode": 1,
    "kotsu_player_assets": 1,  # player/html: the player's files as data, above core only
    "kotsu_record": 2,  # capture/record: the recorder and live tags, above capture (ingest)
    "kotsu_field": 1,  # field: viewing records, xAPI checks, follow-up rules, above core only
    "kotsu_serve": 2,  # field/server: kotsu serve (cpp-httplib), above kotsu_field
    "kotsu_package": 2,
    "kotsu_suggest": 2,
    "kotsu_story": 2,  # story films: above transcode, beside package
    "kotsu_annotate": 3,
    "kotsu_annotate_ui": 4,
    "kotsu-annotate": 6,  # apps/kotsu-annotate, declared beside the UI library
    "kotsu_demo": 5,
    "kotsu": 6,
}

# Folders whose code may use anything (they are not modules and nothing includes them).
FREE_DIRS = ("tests/", "bench/", "fuzz/")
GUI_ALLOWED = ("annotate/ui/", "apps/kotsu-annotate/",
               "tests/annotate/", "bench/annotate.cpp")  # the test and benchmark that link kotsu_annotate_ui
LIBAV_ALLOWED = ("core/av/",)
SQL_ALLOWED = ("core/catalog/",)
DEMUX_ALLOWED = ("core/av/",)
OPENCV_ALLOWED = ("annotate/suggest/",)
SOURCE_EXT = (".cpp", ".hpp", ".h", ".cc", ".mm")
SKIP_DIRS = {"build", ".git", "node_modules"}

# Known violations, each (path, rule, how many): the check passes while a file has at most that
# many, and fails as soon as a new one appears. Shrink the counts (and delete the lines) as the
# code is converted; the script says when an entry is larger than needed.
ALLOWED = [
    # Empty: every demux loop reads through av::MediaReader. A new entry needs a reason here.
]

LIBAV_CALL = re.compile(
    r"\b(av_(?:\w+_)?(?:alloc|malloc|mallocz|calloc|free|freep)\w*"
    r"|avformat_(?:alloc_\w+|open_input|close_input|free_context)"
    r"|avcodec_(?:alloc_context3|free_context)"
    r"|avfilter_(?:graph_alloc|graph_free|inout_alloc|inout_free)"
    r"|sws_(?:getContext|getCachedContext|freeContext)"
    r"|swr_(?:alloc\w*|free)"
    r"|avio_(?:open\w*|close\w*|alloc_context|context_free))\s*\(")
SQL_TEXT = re.compile(
    r"^\s*(?:SELECT\b|INSERT\s+(?:OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b"
    r"|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIRTUAL\s+TABLE|TRIGGER|VIEW)\b|DROP\s+(?:TABLE|INDEX)\b"
    r"|ALTER\s+TABLE\b|PRAGMA\s+\w+|BEGIN(?:\s+IMMEDIATE)?\s*;?\s*$|COMMIT\s*;?\s*$|WITH\s+\w+\s+AS\b)")
READ_FRAME = re.compile(r"\bav_read_frame\s*\(")
INPUTFILE_READ = re.compile(r"\bInputFile::read\b|(?:\.|->)read\(\s*[A-Za-z_]\w*\s*\)")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
GUI_HEADER = re.compile(r"^(?:imgui\w*\.h|imgui/|backends/|SDL\w*|SDL2/|GL/|GLES\w*/|glad/|GLFW/)")
OPENCV_HEADER = re.compile(r"^opencv2?/")


# --- C++ text: code without comments and literals, and the string literals with their lines ------

def split_source(text):
    """Returns (code, strings): code with comments and literals blanked (newlines kept, so line
    numbers hold), and [(line, literal contents)] for every string literal."""
    code, strings = [], []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            code.append("\n" * text.count("\n", i, j))
            line += text.count("\n", i, j)
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
                                                         or text[i - 1] in "uUL8"):
            open_paren = text.find("(", i + 2)
            delim = text[i + 2:open_paren]
            end = text.find(")" + delim + '"', open_paren)
            end = n if end < 0 else end
            strings.append((line, text[open_paren + 1:end]))
            stop = min(n, end + len(delim) + 2)
            nl = text.count("\n", i, stop)
            code.append('""' + "\n" * nl)
            line += nl
            i = stop
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):  # 1'000'000 is a number
            j, buf = i + 1, []
            while j < n and text[j] != c and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            if c == '"':
                strings.append((line, "".join(buf)))
            code.append(c + c)
            i = j + 1
        else:
            if c == "\n":
                line += 1
            code.append(c)
            i += 1
    return "".join(code), strings


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


# --- the CMake targets: which folder each one builds, what it links ------------------------------

def strip_cmake_comments(text):
    return re.sub(r"#[^\n]*", "", text)


def cmake_commands(text):
    """Yields (name, args, line) of each command call, nested parentheses kept inside args."""
    for m in re.finditer(r"\b([A-Za-z_]\w*)\s*\(", text):
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        yield m.group(1).lower(), text[m.end():j - 1].split(), line_of(text, m.start())


def read_targets(root):
    """{target: {"dirs": set of folders (relative), "links": [(target, file, line)]}}"""
    targets = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        if "CMakeLists.txt" not in files:
            continue
        path = os.path.join(folder, "CMakeLists.txt")
        rel_file = os.path.relpath(path, root)
        text = strip_cmake_comments(open(path, encoding="utf-8").read())
        here = os.path.relpath(folder, root)
        here = "" if here == "." else here
        variables = {}

        def expand(arg):
            if arg.startswith("${") and arg.endswith("}") and arg[2:-1] in variables:
                return [x for a in variables[arg[2:-1]] for x in expand(a)]
            return [arg.replace("${CMAKE_CURRENT_SOURCE_DIR}", here or ".").replace("${PROJECT_SOURCE_DIR}", ".")]

        for name, args, line in cmake_commands(text):
            if name in ("file",) and len(args) > 2 and args[0] == "GLOB":
                variables[args[1]] = [a for a in args[2:] if a != "CONFIGURE_DEPENDS"]
            elif name == "set" and args:
                variables[args[0]] = args[1:]
            elif name in ("add_library", "add_executable") and args:
                t = targets.setdefault(args[0], {"dirs": set(), "links": []})
                for a in args[1:]:
                    for src in expand(a):
                        if "${" in src or src in ("STATIC", "SHARED", "OBJECT", "INTERFACE"):
                            continue
                        d = os.path.normpath(os.path.dirname(src))
                        t["dirs"].add("" if d == "." else d)
            elif name == "target_link_libraries" and args:
                t = targets.setdefault(args[0], {"dirs": set(), "links": []})
                for a in args[1:]:
                    t["links"].append((a, rel_file, line))
    for t in targets.values():
        t["links"] = [(l, f, n) for l, f, n in t["links"] if l in targets]
    return targets


def module_of(rel, dir_owner):
    return dir_owner.get(os.path.dirname(rel))


def reachable(targets, start):
    seen, todo = set(), [start]
    while todo:
        t = todo.pop()
        if t in seen:
            continue
        seen.add(t)
        todo.extend(l for l, _, _ in targets.get(t, {}).get("links", []))
    return seen


# --- the check -----------------------------------------------------------------------------------

def under(rel, prefixes):
    return any(rel == p or rel.startswith(p) for p in prefixes)


def check(root):
    """Returns [(file, line, rule, message)]."""
    found = []
    targets = read_targets(root)
    dir_owner = {}
    for name, t in targets.items():
        if name in RANKS:
            for d in t["dirs"]:
                dir_owner[d] = name
    for name, t in sorted(targets.items()):
        for dep, f, line in t["links"]:
            if name in RANKS and dep in RANKS and RANKS[dep] >= RANKS[name]:
                found.append((f, line, "layers", f"{name} links {dep}, which is not below it"))

    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for fn in sorted(files):
            if not fn.endswith(SOURCE_EXT):
                continue
            rel = os.path.relpath(os.path.join(folder, fn), root).replace(os.sep, "/")
            text = open(os.path.join(folder, fn), encoding="utf-8", errors="replace").read()
            found += check_file(rel, text, targets, dir_owner)
    return found


def check_file(rel, text, targets, dir_owner):
    found = []
    free = under(rel, FREE_DIRS)
    mine = module_of(rel, dir_owner)
    allowed = reachable(targets, mine) if mine else set()
    for n, raw in enumerate(text.split("\n"), 1):
        m = INCLUDE.match(raw)
        if not m:
            continue
        header = m.group(2)
        if GUI_HEADER.match(header) and not under(rel, GUI_ALLOWED):
            found.append((rel, n, "gui", f"includes <{header}>: ImGui/SDL/GL only in annotate/ui and apps/kotsu-annotate"))
        if OPENCV_HEADER.match(header) and not under(rel, OPENCV_ALLOWED) and not free:
            found.append((rel, n, "opencv", f"includes <{header}>: OpenCV only in annotate/suggest"))
        if m.group(1) == '"' and not free and mine:
            theirs = module_of(header, dir_owner)
            if theirs and theirs not in allowed:
                found.append((rel, n, "layers", f"{mine} includes {header} of {theirs}, which it does not link"))
    code, strings = split_source(text)
    if not under(rel, LIBAV_ALLOWED):
        for m in LIBAV_CALL.finditer(code):
            found.append((rel, line_of(code, m.start()), "libav",
                          f"{m.group(1)}(): libav objects are allocated and freed only in core/av"))
    if not under(rel, DEMUX_ALLOWED):
        for m in READ_FRAME.finditer(code):
            found.append((rel, line_of(code, m.start()), "demux", "av_read_frame: read through av::MediaReader"))
        if "InputFile" in code:  # .read(pkt) is a demux loop on an av::InputFile, not on a stream
            for m in INPUTFILE_READ.finditer(code):
                found.append((rel, line_of(code, m.start()), "demux",
                              "InputFile::read: a demux loop outside core/av; read through av::MediaReader"))
    if not under(rel, SQL_ALLOWED) and not free:
        for line, s in strings:
            if SQL_TEXT.match(s):
                found.append((rel, line, "sql", f'SQL "{s[:40]}": SQL lives in core/catalog'))
    return found


def apply_allow_list(found, allowed):
    """Drops the allow-listed violations; returns (left, notes on entries larger than needed)."""
    budget = {(p, r): c for p, r, c in allowed}
    used, left = {}, []
    for v in found:
        key = (v[0], v[2])
        used[key] = used.get(key, 0) + 1
        if used[key] > budget.get(key, 0):
            left.append(v)
    notes = [f"{p}: allow-list lets {c} '{r}' through, {used.get((p, r), 0)} left: lower it"
             for p, r, c in allowed if used.get((p, r), 0) < c]
    return left, notes


def run(root):
    found = sorted(check(root), key=lambda v: (v[0], v[1]))
    left, notes = apply_allow_list(found, ALLOWED)
    for f, line, rule, msg in left:
        print(f"{f}:{line}: {rule}: {msg}")
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return 1 if left else 0


# --- self-test: a small tree with one violation of each kind --------------------------------------

SELF_TEST_TREE = {
    "CMakeLists.txt": "add_subdirectory(core)\nadd_subdirectory(transcode)\nadd_subdirectory(annotate)\n",
    "core/CMakeLists.txt": "file(GLOB S ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/av/*.cpp)\n"
                           "add_library(kotsu_core STATIC ${S})\n",
    "transcode/CMakeLists.txt": "file(GLOB S CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)\n"
                                "add_library(kotsu_transcode STATIC ${S})\n"
                                "target_link_libraries(kotsu_transcode PUBLIC kotsu_core)\n",
    "annotate/CMakeLists.txt": "file(GLOB S ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)\n"
                               "add_library(kotsu_annotate STATIC ${S})\n"
                               "target_link_libraries(kotsu_annotate PUBLIC kotsu_core kotsu_transcode)\n"
                               "add_subdirectory(ui)\n",
    "annotate/ui/CMakeLists.txt": "add_library(kotsu_annotate_ui STATIC ${CMAKE_CURRENT_SOURCE_DIR}/app.cpp)\n"
                                  "target_link_libraries(kotsu_annotate_ui PUBLIC kotsu_annotate)\n",
    "core/av/packet.cpp": "// av_packet_alloc() in a comment is fine\nvoid f() { auto* p = av_packet_alloc(); "
                          "av_read_frame(c, p); }\n",
    "core/model.cpp": '#include "core/av/packet.hpp"\nconst char* s = "no SQL here; av_read_frame(x) in a string";\n',
    "transcode/bad.cpp": '#include "core/model.hpp"\n'
                         '#include "annotate/editor.hpp"\n'                      # layers
                         "#include <imgui.h>\n"                                  # gui
                         "#include <opencv2/core.hpp>\n"                         # opencv
                         "void f() {\n"
                         "    AVFrame* fr = av_frame_alloc();\n"                  # libav
                         '    auto q = R"(SELECT id FROM sessions)";\n'           # sql
                         "    av::InputFile in;\n"
                         "    while (in.read(pkt) == Flow::Got) {}\n"             # demux
                         "    while (av_read_frame(ctx, pkt) >= 0) {}\n"          # demux
                         "}\n",
    "annotate/editor.cpp": '#include "annotate/ui/app.hpp"\n#include "transcode/bad.hpp"\n',  # layers (ui above)
    "annotate/ui/app.cpp": '#include <imgui.h>\n#include "annotate/editor.hpp"\nint n = 1\'000\'000;\n',
    "tests/anything.cpp": '#include "annotate/ui/app.hpp"\nconst char* q = "SELECT 1";\n',
}

SELF_TEST_EXPECTED = [
    ("transcode/bad.cpp", 2, "layers"),
    ("transcode/bad.cpp", 3, "gui"),
    ("transcode/bad.cpp", 4, "opencv"),
    ("transcode/bad.cpp", 6, "libav"),
    ("transcode/bad.cpp", 7, "sql"),
    ("transcode/bad.cpp", 9, "demux"),
    ("transcode/bad.cpp", 10, "demux"),
    ("annotate/editor.cpp", 1, "layers"),
]


def self_test():
    tmp = tempfile.mkdtemp(prefix="check-layers-")
    try:
        for rel, body in SELF_TEST_TREE.items():
            os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w", encoding="utf-8") as f:
                f.write(body)
        got = sorted((f, n, r) for f, n, r, _ in check(tmp))
        failures = []
        for e in SELF_TEST_EXPECTED:
            if e not in got:
                failures.append(f"not reported: {e[0]}:{e[1]}: {e[2]}")
        for g in got:
            if g not in SELF_TEST_EXPECTED:
                failures.append(f"reported but not planted: {g[0]}:{g[1]}: {g[2]}")
        # An upward CMake link is a violation even when no file includes anything yet.
        with open(os.path.join(tmp, "transcode/CMakeLists.txt"), "a", encoding="utf-8") as f:
            f.write("target_link_libraries(kotsu_transcode PRIVATE kotsu_annotate)\n")
        if not any(f == "transcode/CMakeLists.txt" and r == "layers" for f, _, r, _ in check(tmp)):
            failures.append("not reported: transcode/CMakeLists.txt links kotsu_annotate")
        # The command line: non-zero and one "file:line: rule" line per violation.
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), tmp], capture_output=True, text=True)
        lines = proc.stdout.splitlines()
        if proc.returncode == 0 or not lines or not all(re.match(r"^[\w./-]+:\d+: \w+: ", l) for l in lines):
            failures.append(f"command line: exit {proc.returncode}, output {proc.stdout!r}")
        # The allow-list lets the known ones through and no more.
        left, _ = apply_allow_list([("a.cpp", 1, "demux", ""), ("a.cpp", 9, "demux", "")], [("a.cpp", "demux", 1)])
        if len(left) != 1:
            failures.append(f"allow-list of 1 let {2 - len(left)} of 2 through")
    finally:
        shutil.rmtree(tmp)
    for f in failures:
        print(f"self-test: {f}")
    print("self-test: " + ("FAILED" if failures else f"ok ({len(SELF_TEST_EXPECTED)} planted violations reported)"))
    return 1 if failures else 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    return run(os.path.abspath(root))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
