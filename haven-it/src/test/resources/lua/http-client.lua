-- Services exercised by LuaHttpClientTest: core.httpclient() and Socket:connect_ssl from a service.

-- fetches the URL in x-url with the method in x-method (get by default), forwarding the body
core.register_service("fetch", "http", function(applet)
  local hc = core.httpclient()
  local method = applet.headers["x-method"] and applet.headers["x-method"][0] or "get"
  local res, err = hc[method](hc, { url = applet.headers["x-url"][0], headers = { ["x-from"] = { "lua" } },
                                    body = applet:receive(), timeout = 5000 })
  local out
  if res then
    local ct = res.headers["content-type"] and res.headers["content-type"][0] or "-"
    out = res.status .. " " .. res.reason .. " " .. ct .. " [" .. res.body .. "]"
  else
    out = "error " .. tostring(err)
  end
  applet:start_response()
  applet:send(out)
end)

-- speaks HTTP by hand over Socket:connect_ssl to the port in the query string
core.register_service("tlsprobe", "http", function(applet)
  local s = core.tcp()
  s:settimeout(5)
  local ok, err = s:connect_ssl("127.0.0.1", tonumber(applet.qs))
  local out
  if not ok then
    out = "error " .. tostring(err)
  else
    s:send("GET /hello/over-tls HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
    local status = s:receive("*l")
    local rest = s:receive("*a")
    out = status .. " / " .. rest:match("hello from [^\n]*")
    s:close()
  end
  applet:start_response()
  applet:send(out)
end)

core.register_service("hello", "http", function(applet)
  local body = "hello from " .. applet.path
  applet:add_header("content-type", "text/plain")
  applet:add_header("content-length", tostring(#body))
  applet:start_response()
  applet:send(body)
end)

-- a chunked response to fetch: no content-length
core.register_service("chunks", "http", function(applet)
  applet:start_response()
  applet:send("one,")
  core.msleep(50)
  applet:send("two")
end)
