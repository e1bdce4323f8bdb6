-- HTTP services exercised by LuaHttpServiceTest: one per AppletHTTP behaviour.

-- streams three parts with a sleep between them; no content-length: chunked (1.1) or closed (1.0)
core.register_service("slow", "http", function(applet)
  applet:set_status(201, "Made")
  applet:add_header("x-parts", "3")
  applet:add_header("content-type", "text/plain")
  applet:start_response()
  for i = 1, 3 do
    applet:send("part" .. i .. "\n")
    core.msleep(tonumber(applet.qs) or 200)
  end
end)

-- echoes what AppletHTTP shows of the request
core.register_service("info", "http", function(applet)
  local body = applet:receive()
  local multi = applet.headers["x-multi"] or {}
  local out = table.concat({ applet.method, applet.version, applet.path, applet.qs, tostring(applet.length),
                             tostring(multi[0]), tostring(multi[1]), body }, "|")
  applet:add_header("content-length", tostring(#out))
  applet:start_response()
  applet:send(out)
end)

-- variables and private data of the transaction
core.register_service("vars", "http", function(applet)
  applet:set_var("txn.seen", "yes")
  applet:set_var("sess.count", (applet:get_var("sess.count") or 0) + 1)
  applet:set_priv({ n = 7 })
  applet:unset_var("txn.gone")
  applet:start_response()
  applet:send(table.concat({ applet:get_var("txn.seen"), tostring(applet:get_var("sess.count")),
                             tostring(applet:get_priv().n), tostring(applet:get_var("txn.gone")) }, "|"))
end)

-- reads a large body in pieces and tells what it got
core.register_service("count", "http", function(applet)
  local total, pieces, sum = 0, 0, 0
  while true do
    local d = applet:receive(65536)
    if d == nil or #d == 0 then break end
    total = total + #d
    pieces = pieces + 1
    sum = (sum + d:byte(1) + d:byte(#d)) % 65536
  end
  applet:start_response()
  applet:send(total .. " bytes in " .. pieces .. " pieces, edges " .. sum)
end)

-- numbers the lines of the body
core.register_service("lines", "http", function(applet)
  applet:start_response()
  local n = 0
  while true do
    local line = applet:getline()
    if line == "" then break end
    n = n + 1
    applet:send(n .. ": " .. line)
  end
end)

-- a large response, sent faster than a slow client reads it
core.register_service("big", "http", function(applet)
  local chunk = string.rep("x", 65536)
  applet:add_header("content-length", tostring(65536 * 160))
  applet:start_response()
  for i = 1, 160 do applet:send(chunk) end
end)

core.register_service("early", "http", function(applet)
  error("failed before the head")
end)

core.register_service("late", "http", function(applet)
  applet:start_response()
  applet:send("partial")
  core.msleep(50)
  error("failed after the head")
end)

core.register_service("nothing", "http", function(applet)
end)

core.register_service("tcpsvc", "tcp", function(applet)
  applet:send("tcp\n")
end)
