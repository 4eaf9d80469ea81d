-- wrk script: POSTs pre-generated UpsertMultiple bodies (one per line of BODIES), rotating through them.
-- Environment: BODIES (file), TOKEN (bearer), TABLE_SET (entity set name).
local bodies = {}
local index = 0
local path = "/api/data/v9.2/" .. os.getenv("TABLE_SET") .. "/Microsoft.Dynamics.CRM.UpsertMultiple"

function init(args)
  for line in io.lines(os.getenv("BODIES")) do
    bodies[#bodies + 1] = line
  end
  index = math.random(#bodies)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.headers["Content-Type"] = "application/json; charset=utf-8"
  wrk.headers["OData-Version"] = "4.0"
  wrk.headers["OData-MaxVersion"] = "4.0"
  wrk.headers["Accept"] = "application/json"
end

function request()
  index = index % #bodies + 1
  return wrk.format("POST", path, nil, bodies[index])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d socketerrors=%d p50ms=%.1f p99ms=%.1f\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
