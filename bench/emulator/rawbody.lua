-- wrk script: the HTTP layer alone. Sends the first pre-generated UpsertMultiple body (~150 KB) with a
-- GET WhoAmI, which the service answers without parsing the body. Environment: BODIES, TOKEN.
function init(args)
  local f = io.open(os.getenv("BODIES"))
  wrk.body = f:read("*l")
  f:close()
  wrk.method = "GET"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.headers["Content-Type"] = "application/json; charset=utf-8"
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d socketerrors=%d p50ms=%.1f p99ms=%.1f\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
