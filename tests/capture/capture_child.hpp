#pragma once
// A kotsu process run by a capture test with its output read as it comes (a pipe, or a pty's master
// side for the terminal keys): wait for a line, then kill, type into or wait for it.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "tests/capture/record_fixture.hpp"

namespace kotsu::test {

// A kotsu process with its output read line by line (a pipe, or the pty's master side).
struct Child {
    pid_t pid = -1;
    int fd = -1;  // stdout (+ stderr for a pty)
    std::string seen;

    // Reads until `pattern` appears or `timeout` passes; the match's first group (or whole match).
    std::string waitFor(const std::regex& pattern, std::chrono::seconds timeout) {
        auto end = std::chrono::steady_clock::now() + timeout;
        std::smatch m;
        while (std::chrono::steady_clock::now() < end) {
            if (std::regex_search(seen, m, pattern)) return m.size() > 1 ? m[1].str() : m[0].str();
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            char buf[4096];
            ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0) break;
            seen.append(buf, static_cast<std::size_t>(n));
        }
        return {};
    }
    int wait() {
        for (;;) {  // keep draining output so the child never blocks on a full pipe
            char buf[4096];
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 100) > 0) {
                ssize_t n = ::read(fd, buf, sizeof buf);
                if (n > 0) seen.append(buf, static_cast<std::size_t>(n));
            }
            int status = 0;
            pid_t r = waitpid(pid, &status, WNOHANG);
            if (r == pid) {
                ::close(fd);
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
        }
    }
};

// `withStderr`: the pipe carries stderr too (a pty always does).
inline Child spawn(const std::vector<std::string>& args, bool pty, bool withStderr = false) {
    std::vector<char*> argv;
    std::string bin = kotsuBinary();
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    Child c;
    if (pty) {
        c.pid = forkpty(&c.fd, nullptr, nullptr, nullptr);
        if (c.pid == 0) {
            execv(argv[0], argv.data());
            _exit(127);
        }
    } else {
        int p[2];
        if (pipe(p) != 0) return c;
        c.pid = fork();
        if (c.pid == 0) {
            dup2(p[1], 1);
            if (withStderr) dup2(p[1], 2);
            int devnull = ::open("/dev/null", O_RDWR);
            dup2(devnull, 0);
            ::close(p[0]);
            execv(argv[0], argv.data());
            _exit(127);
        }
        ::close(p[1]);
        c.fd = p[0];
    }
    return c;
}

}  // namespace kotsu::test
