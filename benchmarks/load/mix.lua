-- wrk script: a mix of public reads and POST /v1/normalize, with error counting.
-- The targets come from the environment (set by run.py after the warm-up):
--   LOAD_COMPANIES   comma-separated company slugs
--   LOAD_FIGURE_IDS  comma-separated figure ids
-- Each thread counts answers outside 2xx/3xx and 5xx answers; done() prints one JSON line.

local function split(list)
  local items = {}
  for item in string.gmatch(list or "", "[^,]+") do
    items[#items + 1] = item
  end
  assert(#items > 0, "empty target list: run through benchmarks/load/run.py")
  return items
end

local companies = split(os.getenv("LOAD_COMPANIES"))
local figure_ids = split(os.getenv("LOAD_FIGURE_IDS"))
local json_headers = { ["Content-Type"] = "application/json" }
local sentences = {
  '{"text": "Revenue rose to $4.2 billion in 2030, up 35%.", "lang": "en"}',
  '{"text": "Le chiffre d\'affaires a atteint 1,2 milliard d\'euros en 2030.", "lang": "fr"}',
  '{"text": "Der Umsatz stieg 2030 auf 850 Millionen Euro.", "lang": "de"}',
  '{"text": "I ricavi sono saliti a 300 milioni di euro nel 2030."}',
  '{"text": "La empresa invirtió 2.000 millones de dólares en centros de datos.", "lang": "es"}',
}
local metrics = { "revenue", "valuation", "funding_raised", "capex", "power_capacity" }

local threads = {}
-- Globals, so that done() can read each thread's counts with thread:get().
errors, server_errors = 0, 0

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(_)
  math.randomseed(os.time() + (id or 0))
end

local function pick(items)
  return items[math.random(#items)]
end

function request()
  local roll = math.random(100)
  if roll <= 25 then
    return wrk.format("GET", "/v1/companies/" .. pick(companies))
  elseif roll <= 40 then
    return wrk.format("GET", "/v1/figures?company=" .. pick(companies) .. "&limit=20")
  elseif roll <= 50 then
    return wrk.format("GET", "/v1/figures?metric=" .. pick(metrics) .. "&limit=50")
  elseif roll <= 70 then
    return wrk.format("GET", "/v1/figures/" .. pick(figure_ids))
  elseif roll <= 85 then
    return wrk.format("GET", "/v1/deals?limit=20")
  end
  return wrk.format("POST", "/v1/normalize", json_headers, pick(sentences))
end

function response(status, _, _)
  if status >= 400 then
    errors = errors + 1
  end
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, _)
  local total_errors, total_5xx = 0, 0
  for _, thread in ipairs(threads) do
    total_errors = total_errors + thread:get("errors")
    total_5xx = total_5xx + thread:get("server_errors")
  end
  local socket = summary.errors
  io.write(string.format(
    'LOAD_RESULT {"requests": %d, "duration_us": %d, "errors": %d, "server_errors": %d, '
      .. '"socket_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d}\n',
    summary.requests, summary.duration, total_errors, total_5xx,
    socket.connect + socket.read + socket.write, socket.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max
  ))
end
