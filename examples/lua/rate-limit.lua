-- Requests per second per client address, with limits by path prefix read from a map file
-- ("PREFIX LIMIT" per line, the longest prefix wins, as map_beg does): limits.map next to this
-- script, or the file the environment variable LIMITS_MAP names.
--
--   global
--       lua-load /etc/haven/rate-limit.lua
--   frontend api
--       mode http
--       bind :80
--       http-request lua.rate-limit
--       default_backend api
--
-- limits.map:
--   /        20
--   /login   2
--
-- Over the limit, the request gets 429 with Retry-After and the server never sees it. Counting is
-- per client address, first path segment and second (a fixed window); a path no prefix matches
-- is not limited.
-- The counters live in the script's state (lua-load: one state for the whole process), and a
-- task forgets the windows that ended. Limits can be changed at run time with "set map" on the
-- stats socket or core.set_map.

local function beside_script(name)
  return (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. name
end

local limits = Map.new(os.getenv("LIMITS_MAP") or beside_script("limits.map"), Map._beg)
local windows = {}   -- "src segment" -> { second = N, count = N }

core.register_action("rate-limit", { "http-req" }, function(txn)
  local path = txn.f:path()
  local limit = tonumber(limits:lookup(path))
  if limit == nil then return end
  local now = core.now().sec
  local key = txn.f:src() .. " " .. path:match("^/[^/]*")
  local w = windows[key]
  if w == nil or w.second ~= now then
    w = { second = now, count = 0 }
    windows[key] = w
  end
  w.count = w.count + 1
  txn:set_var("txn.rate_count", w.count)
  if w.count > limit then
    local reply = txn:reply({ status = 429, body = "slow down\n" })
    reply:add_header("retry-after", "1")
    reply:add_header("content-type", "text/plain")
    txn:done(reply)
  end
end)

core.register_task(function()
  while true do
    core.sleep(5)
    local now = core.now().sec
    for key, w in pairs(windows) do
      if w.second < now then windows[key] = nil end
    end
  end
end)
