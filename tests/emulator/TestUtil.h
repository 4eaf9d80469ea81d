#pragma once
// Thread: the test's thread. Small helpers the emulator tests share.

#include "EmulatorProcess.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace ferry::test {

/// Milliseconds since `start`.
inline double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

/// The body as JSON, or null when it is not JSON.
inline nlohmann::json parse(const HttpResult &r)
{
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    return j.is_discarded() ? nlohmann::json() : j;
}

/// Writes `content` to a JSON file in the temp folder, unique per process, and returns its path.
inline std::string writeTemp(const std::string &prefix, const std::string &name,
                             const nlohmann::json &content)
{
    const auto path = std::filesystem::temp_directory_path() /
                      ("ferry-emu-" + prefix + "-" + std::to_string(::getpid()) + "-" + name + ".json");
    std::ofstream(path) << content.dump(2);
    return path.string();
}

} // namespace ferry::test
