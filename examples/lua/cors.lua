-- CORS for an API behind the load balancer, the same on Haven and HAProxy 2.6:
--
--   frontend api
--       mode http
--       bind :80
--       http-request lua.cors "https://app.example.com,https://admin.example.com"
--       http-response lua.cors-headers
--       default_backend api
--
-- A preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin is
-- answered at once with 204 and the Access-Control-Allow-* headers; the server never sees it. A
-- preflight from another origin gets 403. For other requests the origin is remembered in a
-- transaction variable, and the response from the server gets Access-Control-Allow-Origin and
-- Vary: Origin when the origin is allowed ("*" allows every origin).

local METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
local MAX_AGE = "600"

local function allowed(list, origin)
  if list == "*" then return true end
  for _, o in ipairs(core.tokenize(list, ",", true)) do
    if o == origin then return true end
  end
  return false
end

core.register_action("cors", { "http-req" }, function(txn, origins)
  local origin = txn.f:req_hdr("origin")
  if origin == nil then return end
  local ok = allowed(origins, origin)
  if txn.f:method() == "OPTIONS" and txn.f:req_hdr("access-control-request-method") then
    local reply = txn:reply()
    if ok then
      reply:set_status(204)
      reply:add_header("access-control-allow-origin", origin)
      reply:add_header("access-control-allow-methods", METHODS)
      reply:add_header("access-control-allow-headers", txn.sf:req_hdr("access-control-request-headers"))
      reply:add_header("access-control-max-age", MAX_AGE)
      reply:add_header("vary", "Origin")
    else
      reply:set_status(403)
      reply:add_header("content-type", "text/plain")
      reply:set_body("origin not allowed\n")
    end
    txn:done(reply)
  end
  if ok then txn:set_var("txn.cors_origin", origin) end
end, 1)

core.register_action("cors-headers", { "http-res" }, function(txn)
  local origin = txn:get_var("txn.cors_origin")
  if origin == nil then return end
  txn.http:res_set_header("Access-Control-Allow-Origin", origin)
  txn.http:res_add_header("Vary", "Origin")
end)
