-- Bearer tokens checked by the load balancer against a map file (one "TOKEN USER" per line),
-- the same on Haven and HAProxy 2.6. The map is tokens.map next to this script, or the file the
-- environment variable TOKENS_MAP names (HAProxy loads maps only while the scripts load, so the
-- path cannot be an argument of the action):
--
--   frontend api
--       mode http
--       bind :80
--       http-request lua.token-check
--       log-format "%ci %[var(txn.user)] %r %ST"
--       default_backend api
--
-- A request without "Authorization: Bearer TOKEN" or with a token the map does not know gets 401
-- with a WWW-Authenticate header and a short JSON body; the server never sees it. A known token
-- is replaced by X-User: USER (the server never sees the token) and the user is kept in
-- txn.user for the log. The map can be changed at run time (set map / add map / del map on the
-- stats socket, or core.set_map from a script) without a reload.

local function beside_script(name)
  return (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. name
end

local tokens = Map.new(os.getenv("TOKENS_MAP") or beside_script("tokens.map"), Map._str)

local function refuse(txn, why)
  local reply = txn:reply({ status = 401 })
  reply:add_header("www-authenticate", 'Bearer realm="api", error="' .. why .. '"')
  reply:add_header("content-type", "application/json")
  reply:set_body('{"error":"' .. why .. '"}\n')
  txn:done(reply)
end

core.register_action("token-check", { "http-req" }, function(txn)
  local auth = txn.f:req_hdr("authorization")
  local token = auth and auth:match("^Bearer%s+([%w%-%._~%+/]+=*)$")
  if token == nil then return refuse(txn, "invalid_request") end
  local user = tokens:lookup(token)
  if user == nil then return refuse(txn, "invalid_token") end
  txn.http:req_del_header("authorization")
  txn.http:req_set_header("X-User", user)
  txn:set_var("txn.user", user)
end)
