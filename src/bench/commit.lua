-- wrk script: commits of 1 unit each, every request with its own Idempotency-Key (site BENCH, see http-bench.sh).
local counter = 0
local id = 0
function setup(thread)
  id = id + 1
  thread:set("tid", id)
end
function request()
  counter = counter + 1
  local key = "bench-" .. os.time() .. "-" .. tid .. "-" .. counter
  local body = '{"quote":{"type":"DELIVERY","site":"BENCH","region":"BR","lines":[{"sku":"B-1","quantity":1}],' ..
    '"orderedAt":"2026-12-01T10:00:00-03:00"},"promisedBy":"2026-12-20","site":"BENCH"}'
  return wrk.format("POST", "/api/v1/promises", {["Content-Type"] = "application/json", ["Idempotency-Key"] = key,
    ["X-API-Key"] = wrk.headers["X-API-Key"]}, body)
end
