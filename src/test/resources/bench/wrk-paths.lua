-- The benchmark's wrk script (run by com.landrenew.bench.Wrk). It asks for the request paths listed in
-- the file $BENCH_PATHS in turn, sending $BENCH_AUTHORIZATION and, when set, $BENCH_ACCEPT as headers.
--
--   BENCH_STOP_AFTER  > 0: stop after that many answers (one pass over the paths: uncached tiles are made once)
--   BENCH_SELF_TIMED  1: time each request here (one connection per thread, see below)
--
-- done() prints one line for the bench to read:
--   bench-result requests=.. answers=.. non2xx=.. status_errors=.. socket_errors=.. p50_us=.. p95_us=.. p99_us=..
-- non2xx counts every answer outside 200-299 (wrk's own status_errors counts only those above 399).
--
-- Why time requests here: wrk "corrects" its latency histogram for coordinated omission, adding made-up
-- samples for every request slower than twice the mean time between requests, and its main thread
-- sleeps for all of -d however early the threads stop. A run over 200 paths either waits out -d or,
-- ended early, gets a corrected histogram whose p95 is far above the real one (measured: a server
-- answering 90% in 1 ms and 10% in 20 ms got p90 = 17 ms). So with one connection per thread the
-- script takes the time itself: from just before wrk writes the request (wrk calls request() right
-- before it starts its own clock) to the answer's callback (right after wrk stops its clock).

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *time);
  int getpid(void);
  int kill(int pid, int signal);
]]
local CLOCK_MONOTONIC = 1
local SIGINT = 2
local clock = ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

wrk.headers["Authorization"] = os.getenv("BENCH_AUTHORIZATION")
local accept = os.getenv("BENCH_ACCEPT")
if accept and accept ~= "" then
  wrk.headers["Accept"] = accept
end
local stop_after = tonumber(os.getenv("BENCH_STOP_AFTER") or "0")
local self_timed = os.getenv("BENCH_SELF_TIMED") == "1"

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if line ~= "" then
    paths[#paths + 1] = line
  end
end

-- Per thread (each thread runs this file in its own Lua state; done() reads these with thread:get).
next_path = 1
answers = 0
non2xx = 0
latencies = {}
local started

-- In the main state: the threads, for done(). A second thread starts half-way through the list, so
-- that two threads do not ask for the same tiles at the same moment.
local threads = {}
function setup(thread)
  thread:set("next_path", (#threads * math.floor(#paths / 2)) % #paths + 1)
  threads[#threads + 1] = thread
end

function request()
  local text = wrk.format(nil, paths[next_path])
  next_path = next_path % #paths + 1
  started = now_us()
  return text
end

function response(status, headers, body)
  local finished = now_us()
  answers = answers + 1
  if self_timed then
    latencies[answers] = finished - started
  end
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if stop_after > 0 and answers >= stop_after then
    wrk.thread:stop()
    -- wakes wrk's main thread, which would otherwise sleep until -d is over
    ffi.C.kill(ffi.C.getpid(), SIGINT)
  end
end

function done(summary, latency, requests)
  local all = {}
  local total_answers = 0
  local total_non2xx = 0
  for _, thread in ipairs(threads) do
    total_answers = total_answers + thread:get("answers")
    total_non2xx = total_non2xx + thread:get("non2xx")
    for _, l in ipairs(thread:get("latencies")) do
      all[#all + 1] = l
    end
  end
  table.sort(all)
  -- nearest rank, as Bench.percentile; wrk's own (corrected) histogram when requests were not timed here
  local function percentile(p)
    if not self_timed then
      return latency:percentile(p)
    end
    if #all == 0 then
      return -1   -- nothing answered
    end
    return all[math.max(1, math.ceil(p / 100 * #all))]
  end
  local e = summary.errors
  io.write(string.format(
      "bench-result requests=%d answers=%d non2xx=%d status_errors=%d socket_errors=%d p50_us=%.1f p95_us=%.1f p99_us=%.1f\n",
      summary.requests, total_answers, total_non2xx, e.status, e.connect + e.read + e.write + e.timeout,
      percentile(50), percentile(95), percentile(99)))
end
