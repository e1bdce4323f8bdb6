-- A maintenance switch served by the load balancer itself.
--
--   global
--       lua-load /etc/haven/maintenance.lua
--       stats socket /run/haven.sock level admin
--   frontend www
--       mode http
--       bind :80
--       http-request use-service lua.maintenance if { path /status }
--       http-request use-service lua.maintenance if { path_beg /shop }   # the part under maintenance
--
-- Operators switch it on the stats socket:
--   echo "maintenance on 300 Upgrading the database" | socat stdio /run/haven.sock
--   echo "maintenance off" | socat stdio /run/haven.sock
--   echo "maintenance show" | socat stdio /run/haven.sock
--
-- While it is on, every request gets a 503 page with Retry-After (HTML, or JSON for clients that
-- ask for it); /status always answers a small JSON document monitors can poll. Written for
-- HAProxy's Lua API: the same script runs on Haven and on HAProxy 2.6.

local state = { on = false, retry = 120, reason = "Scheduled maintenance", since = 0 }

local function escape_html(s)
  return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end

local function escape_json(s)
  return (s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end))
end

local function wants_json(applet)
  local accept = applet.headers["accept"]
  return accept ~= nil and accept[0]:find("application/json", 1, true) ~= nil
end

local function reply(applet, status, content_type, body, extra)
  applet:set_status(status)
  applet:add_header("content-type", content_type)
  applet:add_header("cache-control", "no-store")
  for name, value in pairs(extra or {}) do applet:add_header(name, value) end
  if applet.method ~= "HEAD" then applet:add_header("content-length", tostring(#body)) end
  applet:start_response()
  if applet.method ~= "HEAD" then applet:send(body) end
end

local function status_json()
  return string.format('{"maintenance":%s,"retry_after":%d,"reason":"%s"}',
    tostring(state.on), state.retry, escape_json(state.reason))
end

core.register_service("maintenance", "http", function(applet)
  if applet.path == "/status" then
    return reply(applet, 200, "application/json", status_json())
  end
  if not state.on then
    -- not in maintenance: the rules could route elsewhere; answering keeps the example self-contained
    return reply(applet, 200, "text/plain", "in service\n")
  end
  local retry = { ["retry-after"] = tostring(state.retry) }
  if wants_json(applet) then
    return reply(applet, 503, "application/json", status_json(), retry)
  end
  local page = "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body>\n"
    .. "<h1>We will be back soon</h1>\n<p>" .. escape_html(state.reason) .. "</p>\n"
    .. "<p>Please retry in " .. state.retry .. " seconds.</p>\n</body></html>\n"
  reply(applet, 503, "text/html; charset=utf-8", page, retry)
end)

core.register_cli({ "maintenance" }, "maintenance on [SECONDS [REASON]] | off | show : the maintenance page",
  function(applet, _, action, seconds, ...)
    if action == "on" then
      state.on = true
      state.retry = tonumber(seconds) or state.retry
      local words = { ... }
      if #words > 0 then state.reason = table.concat(words, " ") end
    elseif action == "off" then
      state.on = false
    elseif action ~= "show" then
      applet:send("Usage: maintenance on [SECONDS [REASON]] | off | show\n")
      return
    end
    applet:send(status_json() .. "\n")
  end)
