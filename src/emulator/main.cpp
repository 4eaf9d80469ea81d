// ferry-emulator: a local Dataverse Web API with real service protection limits, an execution-time cost
// model, a time scale and fault injection. See docs/emulator-limits.md.

#include "Auth.h"
#include "EmulatorStats.h"
#include "Faults.h"
#include "HttpServer.h"
#include "Limits.h"
#include "Router.h"
#include "Service.h"

#include <ferry/Version.h>

#include <boost/asio/ip/address.hpp>

#include <csignal>
#include <malloc.h>
#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

const char *kUsage =
    R"(Usage: ferry-emulator --org ORG.json [options]

A local Dataverse Web API (v9.2) for rehearsing migrations: OAuth token endpoints, service protection
limits, an execution-time cost model and fault injection.

Options:
  --listen HOST:PORT        address to serve on (default 127.0.0.1:8089; port 0 = any free port)
  --allow-remote            allow a non-loopback listen address (the emulator has no real security)
  --org ORG.json            the org: EntityDefinitions JSON plus an "x-ferry-emulator" section (required)
  --data FILE.sqlite        keep the org's data in this SQLite file (default: in memory)
  --limits dataverse|off|FILE
                            service protection limits and cost model (default: dataverse)
  --time-scale N            divide the limit window and every cost/delay by N (default 1)
  --faults FILE             fault injection rules (JSON; see docs/emulator-limits.md)
  --seed N                  seed for deterministic fault injection (default 0)
  --plugin-tables T1,T2     tables with simulated synchronous plug-ins (cost model)
  --threads N               io threads (default 2)
  --token-lifetime SECONDS  access token lifetime (default 3600)
  --device-code-lifetime SECONDS
                            device code lifetime (default 900)
  --max-body-mb N           largest accepted request body (default 128; larger gets 413)
  --help                    show this help
  --version                 show the version

The first line on stdout is "ferry-emulator listening on http://HOST:PORT/".
)";

int usageError(const std::string &message)
{
    std::cerr << "ferry-emulator: error: " << message << "\nTry 'ferry-emulator --help'.\n";
    return 2;
}

bool parseNumber(const std::string &text, double &out)
{
    try {
        size_t used = 0;
        out = std::stod(text, &used);
        return used == text.size();
    } catch (...) {
        return false;
    }
}

bool parseInteger(const std::string &text, long long &out)
{
    try {
        size_t used = 0;
        out = std::stoll(text, &used);
        return used == text.size();
    } catch (...) {
        return false;
    }
}

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find(',', pos);
        if (end == std::string::npos)
            end = text.size();
        if (end > pos)
            out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace ferry::emu;
    // Block SIGINT/SIGTERM before any thread exists (the service's persistence flusher starts in
    // Service::create): threads inherit the mask, so only HttpServer's signal thread takes them and the
    // service is destroyed (and flushed) on the way out instead of the default action killing the process.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    // Request bodies of 100 wide records are ~150 KB: above glibc's default mmap threshold, so every request
    // would mmap/munmap and page-fault its body. Keep such blocks on the heap instead.
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    std::string listen = "127.0.0.1:8089", org, data, limitsSpec = "dataverse", faultsFile, pluginTablesArg;
    double timeScale = 1;
    unsigned long long seed = 0;
    long long threads = 2, tokenLifetime = 3600, deviceCodeLifetime = 900, maxBodyMb = 128;
    bool allowRemote = false;

    const std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (a == "--version") {
            std::cout << "ferry-emulator " << ferry::kVersion << "\n";
            return 0;
        }
        if (a == "--allow-remote") {
            allowRemote = true;
            continue;
        }
        std::string name = a, value;
        const auto eq = a.find('=');
        if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
            name = a.substr(0, eq);
            value = a.substr(eq + 1);
        } else {
            if (i + 1 >= args.size())
                return usageError(a.rfind("--", 0) == 0 ? "option " + a + " needs a value"
                                                        : "unexpected argument '" + a + "'");
            value = args[++i];
        }
        long long n = 0;
        double d = 0;
        if (name == "--listen")
            listen = value;
        else if (name == "--org")
            org = value;
        else if (name == "--data")
            data = value;
        else if (name == "--limits")
            limitsSpec = value;
        else if (name == "--faults")
            faultsFile = value;
        else if (name == "--plugin-tables")
            pluginTablesArg = value;
        else if (name == "--time-scale") {
            if (!parseNumber(value, d) || !(d > 0) || d > 1e6)
                return usageError("--time-scale needs a number > 0, got '" + value + "'");
            timeScale = d;
        } else if (name == "--seed") {
            if (!parseInteger(value, n) || n < 0)
                return usageError("--seed needs a non-negative integer, got '" + value + "'");
            seed = static_cast<unsigned long long>(n);
        } else if (name == "--threads") {
            if (!parseInteger(value, n) || n < 1 || n > 64)
                return usageError("--threads needs an integer from 1 to 64, got '" + value + "'");
            threads = n;
        } else if (name == "--token-lifetime") {
            if (!parseInteger(value, n) || n < 1 || n > 86400 * 365)
                return usageError("--token-lifetime needs a number of seconds >= 1, got '" + value + "'");
            tokenLifetime = n;
        } else if (name == "--device-code-lifetime") {
            if (!parseInteger(value, n) || n < 1 || n > 86400)
                return usageError("--device-code-lifetime needs a number of seconds >= 1, got '" + value +
                                  "'");
            deviceCodeLifetime = n;
        } else if (name == "--max-body-mb") {
            if (!parseInteger(value, n) || n < 1 || n > 4096)
                return usageError("--max-body-mb needs an integer from 1 to 4096, got '" + value + "'");
            maxBodyMb = n;
        } else
            return usageError("unknown option '" + name + "'");
    }
    if (org.empty())
        return usageError("--org ORG.json is required");

    HttpServer::Options serverOptions;
    {
        const auto colon = listen.rfind(':');
        long long port = -1;
        if (colon == std::string::npos || !parseInteger(listen.substr(colon + 1), port) || port < 0 ||
            port > 65535)
            return usageError("--listen needs HOST:PORT, got '" + listen + "'");
        std::string host = listen.substr(0, colon);
        if (host.size() > 2 && host.front() == '[' && host.back() == ']')
            host = host.substr(1, host.size() - 2);
        if (host == "localhost")
            host = "127.0.0.1";
        boost::system::error_code ec;
        const auto address = boost::asio::ip::make_address(host, ec);
        if (ec)
            return usageError("--listen: '" + host + "' is not an IP address");
        if (!address.is_loopback() && !allowRemote)
            return usageError(
                "refusing to listen on non-loopback address " + host +
                " (the emulator accepts any client with a token; add --allow-remote to insist)");
        serverOptions.host = host;
        serverOptions.port = static_cast<uint16_t>(port);
        serverOptions.threads = static_cast<int>(threads);
        serverOptions.bodyLimit = static_cast<size_t>(maxBodyMb) * 1024u * 1024u;
    }

    std::string error;
    LimitsConfig limitsConfig;
    if (!LimitsConfig::load(limitsSpec, limitsConfig, error))
        return usageError(error);
    FaultConfig faultConfig;
    if (!faultsFile.empty() && !FaultConfig::load(faultsFile, faultConfig, error))
        return usageError(error);

    ServiceOptions serviceOptions;
    serviceOptions.dataFile = data;
    serviceOptions.pluginFailures = faultConfig.pluginFailures;
    // A table with a failing plug-in rule has a plug-in, so it costs like one.
    std::vector<std::string> pluginTables = limitsConfig.pluginTables;
    pluginTables.insert(pluginTables.end(), faultConfig.pluginTables.begin(), faultConfig.pluginTables.end());
    for (const auto &t : splitList(pluginTablesArg))
        pluginTables.push_back(t);
    for (const auto &rule : faultConfig.pluginFailures)
        pluginTables.push_back(rule.table);
    std::sort(pluginTables.begin(), pluginTables.end());
    pluginTables.erase(std::unique(pluginTables.begin(), pluginTables.end()), pluginTables.end());
    serviceOptions.pluginTables = pluginTables;

    std::unique_ptr<Service> service = Service::create(org, serviceOptions, error);
    if (!service)
        return usageError(error.empty() ? "cannot load org " + org : error);

    {
        Auth auth(service->appUsers(), static_cast<int>(tokenLifetime), static_cast<int>(deviceCodeLifetime));
        Limits limits(limitsConfig, timeScale);
        Faults faults(faultConfig, seed, timeScale);
        EmulatorStats stats;
        Router router(*service, auth, limits, faults, stats);
        HttpServer server(router, serverOptions);
        if (!server.listen(error)) {
            std::cerr << "ferry-emulator: error: " << error << "\n";
            return 2;
        }
        std::printf("ferry-emulator listening on %s\n", server.baseUrl().c_str());
        std::fflush(stdout);
        std::cerr << "ferry-emulator: limits " << (limitsConfig.enabled ? "on" : "off") << " (window "
                  << limitsConfig.windowSeconds / timeScale << " s, " << limitsConfig.maxRequests
                  << " requests, " << limitsConfig.maxExecutionMs / timeScale << " ms execution, "
                  << limitsConfig.maxConcurrent << " concurrent), time scale " << timeScale << ", "
                  << serverOptions.threads << " io threads\n";
        server.run();
    }
    // Destroying the service flushes its persistence.
    service.reset();
    std::cerr << "ferry-emulator: stopped\n";
    return 0;
}
