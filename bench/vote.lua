-- wrk script: signed-in vote toggles as htmx sends them. Each thread gets its own members (bearer
-- tokens from bench/run.sh) and flips their votes on a range of suggestions, so every request changes state.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local csrf_cookie = os.getenv("BENCH_CSRF_COOKIE")
local csrf_token = os.getenv("BENCH_CSRF_TOKEN")
local first = tonumber(os.getenv("BENCH_VOTE_FIRST"))
local span = tonumber(os.getenv("BENCH_VOTE_SPAN"))
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  n = 0
  state = {}
  mine = {}
  -- thread k takes tokens k, k + T, k + 2T ... (T = number of threads), so no two threads share a member
  local t = tid
  local total = #threads > 0 and #threads or 2
  for i = t, #tokens, tonumber(os.getenv("BENCH_THREADS")) do mine[#mine + 1] = tokens[i] end
end

function request()
  n = n + 1
  local who = mine[(n % #mine) + 1]
  local s = first + (math.floor(n / #mine) % span)
  local key = who .. ":" .. s
  local on = not state[key]
  state[key] = on
  return wrk.format("POST", "/suggestions/" .. s .. "/vote", {
    ["Authorization"] = "Bearer " .. who,
    ["Cookie"] = "fanloop-csrf=" .. csrf_cookie,
    ["X-CSRF-TOKEN"] = csrf_token,
    ["HX-Request"] = "true",
    ["Content-Type"] = "application/x-www-form-urlencoded"
  }, "csrf-token=" .. csrf_token .. "&on=" .. tostring(on))
end

function response(status, headers, body)
  if status ~= 200 then
    bad = (bad or 0) + 1
    if bad <= 3 then io.stderr:write("vote answered " .. status .. "\n") end
  end
end
