-- The Lua half of HAProxy's core class in Haven. Called once per state with the core table and
-- a private table of Java primitives (H); scripts only ever see what is put in globals here.
local core, H = ...
local yield = coroutine.yield
local sethook = debug.sethook
local gc = collectgarbage
local error, setmetatable, type, tostring = error, setmetatable, type, tostring
local concat = table.concat

core.emerg, core.alert, core.crit, core.err = 0, 1, 2, 3
core.warning, core.notice, core.info, core.debug = 4, 5, 6, 7
core.thread = H.thread

function core.Debug(msg) core.log(7, msg) end
function core.Info(msg) core.log(6, msg) end
function core.Warning(msg) core.log(4, msg) end
function core.Alert(msg) core.log(1, msg) end

-- Waiting yields the coroutine; Java resumes it when the time has come (H.sleep says whether to yield).
function core.msleep(ms)
  if H.sleep(ms) then yield() end
end
function core.sleep(s)
  if type(s) ~= "number" then error("bad argument #1 to 'sleep' (number expected, got " .. type(s) .. ")", 2) end
  if H.sleep(s * 1000) then yield() end
end
function core.yield()
  if H.yield() then yield() end
end
function core.done(...)
  error(H.done, 0)
end

-- The count hook: every tune.lua.forced-yield instructions, the coroutine's time and the
-- state's memory are checked; over a limit, the coroutine stops with an error (and keeps
-- failing at every instruction, so a pcall cannot swallow it).
local maxkb, every = H.maxkb, H.every
local function hook()
  local kb = gc("count")
  if maxkb > 0 and kb > maxkb then
    gc("collect")
    kb = gc("count")
  end
  local why = H.check(kb)
  if why then
    sethook(hook, "", 1)
    error(why, 0)
  end
end
function H.prepare(co)
  sethook(co, hook, "", every)
end

-- Concat: fast string building.
local Concat = {}
Concat.__index = Concat
function Concat:add(s)
  if type(s) ~= "string" then error("bad argument #1 to 'add' (string expected, got " .. type(s) .. ")", 2) end
  local n = self.n + 1
  self.n = n
  self.parts[n] = s
end
function Concat:dump()
  return concat(self.parts, "", 1, self.n)
end
function core.concat()
  return setmetatable({ parts = {}, n = 0 }, Concat)
end

core.__addr_mt = { __name = "Haven.Addr" }

-- act: return codes of actions.
act = {
  CONTINUE = 0, STOP = 1, YIELD = 2, ERROR = 3, DONE = 4, DENY = 5, ABORT = 6, INVALID = 7,
}
function act:wake_time(ms) H.wake_time(ms) end

-- Regex
local RegexObj = {}
RegexObj.__index = RegexObj
RegexObj.__gc = function(r) H.free(r.h) end
function RegexObj:exec(s) return H.regex_exec(self.h, s) end
function RegexObj:match(s) return H.regex_match(self.h, s) end
Regex = {}
function Regex.new(re, case_sensitive)
  local ok, h = H.regex_new(re, case_sensitive)
  if not ok then return false, h end
  return true, setmetatable({ h = h }, RegexObj)
end

-- AppletTCP: a service's (or a cli command's) stream. Reads that find too little data yield
-- until the client sends more or closes.
local AppletTCP = {}
AppletTCP.__index = AppletTCP
-- send yields while the client takes no more (HTTP applets); the data is already queued.
local function send(self, data)
  if H.applet_send(self.h, data) then yield() end
end
AppletTCP.send = send
function AppletTCP:receive(size)
  while true do
    local d = H.applet_receive(self.h, size)
    if d ~= nil then return d end
    yield()
  end
end
function AppletTCP:getline()
  while true do
    local d = H.applet_getline(self.h)
    if d ~= nil then return d end
    yield()
  end
end
function AppletTCP:set_var(name, value, ifexist) H.applet_set_var(self.h, name, value, ifexist) end
function AppletTCP:get_var(name) return H.applet_get_var(self.h, name) end
function AppletTCP:unset_var(name) H.applet_unset_var(self.h, name) end
function AppletTCP:set_priv(v) H.applet_set_priv(self.h, v) end
function AppletTCP:get_priv() return H.applet_get_priv(self.h) end
function H.new_applet(h) return setmetatable({ h = h }, AppletTCP) end

-- AppletHTTP: an http service's request (fields method, version, path, qs, length, headers) and
-- its response: set_status/add_header, then start_response, then send. receive and getline read
-- the body and yield until it arrives.
local AppletHTTP = {}
AppletHTTP.__index = AppletHTTP
for _, name in ipairs({ "receive", "getline", "set_var", "get_var", "unset_var", "set_priv", "get_priv" }) do
  AppletHTTP[name] = AppletTCP[name]
end
AppletHTTP.send = send
function AppletHTTP:set_status(code, reason) H.applet_set_status(self.h, code, reason) end
function AppletHTTP:add_header(name, value) H.applet_add_header(self.h, name, value) end
function AppletHTTP:start_response() H.applet_start_response(self.h) end
function H.new_applet_http(h, fields)
  fields.h = h
  return setmetatable(fields, AppletHTTP)
end

-- Socket (core.tcp()): LuaSocket's client API. An operation that must wait yields; the same
-- primitive is asked again once the socket has news.
local Socket = {}
Socket.__index = Socket
local function again(f, ...)
  while true do
    local r = table.pack(f(...))
    if r.n > 0 then return table.unpack(r, 1, r.n) end
    yield()
  end
end
function core.tcp() return setmetatable({ h = H.sock_new() }, Socket) end
function Socket:settimeout(value, mode) H.sock_settimeout(self.h, value) return 1 end
function Socket:setoption() return 1 end
function Socket:connect(address, port) return again(H.sock_connect, self.h, address, port) end
function Socket:connect_ssl(address, port) return again(H.sock_connect, self.h, address, port, true) end
function Socket:send(data, i, j) return H.sock_send(self.h, data, i, j) end
function Socket:receive(pattern, prefix) return again(H.sock_receive, self.h, pattern, prefix) end
function Socket:getpeername() return H.sock_name(self.h, true) end
function Socket:getsockname() return H.sock_name(self.h, false) end
function Socket:close() return H.sock_close(self.h) end

-- Proxy and Server classes over the generation's frontends, backends and servers.
local Server = {}
Server.__index = Server
for _, op in ipairs({ "is_draining", "get_weight", "get_maxconn", "get_addr", "set_weight", "set_maint",
                      "set_drain", "set_ready", "check_enable", "check_disable", "agent_enable",
                      "agent_disable", "shut_sess", "get_stats", "set_maxconn", "set_addr",
                      "check_force_up", "check_force_nolb", "check_force_down", "agent_force_up",
                      "agent_force_down" }) do
  Server[op] = function(sv, ...) return H.sv_call(sv.h, op, ...) end
end
function Server:get_name() return self.name end
function Server:get_puid() return self.puid end

local Proxy = {}
Proxy.__index = Proxy
function Proxy:get_cap()
  if self.fe and self.be then return "proxy" elseif self.fe then return "frontend" else return "backend" end
end
function Proxy:get_mode() return H.px_mode(self.h) end
function Proxy:get_stats() return H.px_stats(self.h) end
function Proxy:shut_bcksess() H.px_shut_bcksess(self.h) end
function Proxy:get_name() return self.name end
function Proxy:get_uuid() return self.uuid end
for _, op in ipairs({ "pause", "resume", "stop" }) do
  Proxy[op] = function() error("Proxy:" .. op .. "() is not implemented by Haven yet", 2) end
end

core.proxies, core.frontends, core.backends = {}, {}, {}
for _, p in ipairs(H.px_list()) do
  local servers = {}
  for _, sv in ipairs(p.server_list) do servers[sv.name] = setmetatable(sv, Server) end
  p.server_list = nil
  p.servers = servers
  p.listeners = {}
  setmetatable(p, Proxy)
  core.proxies[p.name] = p
  if p.fe then core.frontends[p.name] = p end
  if p.be then core.backends[p.name] = p end
end

-- HTTPClient (core.httpclient()): HTTP/1.1 requests over a Socket, one connection per request
-- (connection: close). get/head/put/post/delete take {url=, headers=, body=, timeout= (ms),
-- dst= ("ADDR:PORT", instead of the URL's)} and return {status=, reason=, headers=, body=}
-- (headers as AppletHTTP's: lower-cased name -> {[0]=first, ...}), or nil and a reason.
local HTTPClient = {}
HTTPClient.__index = HTTPClient
function core.httpclient() return setmetatable({}, HTTPClient) end

local function parse_url(url)
  local scheme, rest = tostring(url):match("^(https?)://(.*)$")
  if not scheme then return nil end
  local authority, path = rest:match("^([^/?]*)(.*)$")
  if path == "" then path = "/" elseif path:sub(1, 1) == "?" then path = "/" .. path end
  local host, port = authority:match("^%[(.+)%]:(%d+)$")
  if not host then host, port = authority:match("^([^:]+):(%d+)$") end
  if not host then host = authority:match("^%[(.+)%]$") or authority end
  return scheme, host, tonumber(port) or (scheme == "https" and 443 or 80), path, authority
end

local function add_header(t, name, value)
  local values = t[name]
  if values == nil then t[name] = { [0] = value } else values[#values + 1] = value end
end

local function read_body(s, headers, method, status)
  if method == "HEAD" or status == 204 or status == 304 or status < 200 then return "" end
  local te = headers["transfer-encoding"]
  if te and te[0]:lower():find("chunked", 1, true) then
    local parts = {}
    while true do
      local line, err = s:receive("*l")
      if not line then return nil, err end
      local size = tonumber(line:match("^%x+"), 16)
      if not size then return nil, "bad chunk size '" .. line .. "'" end
      if size == 0 then
        repeat line = s:receive("*l") until line == nil or line == ""
        return concat(parts)
      end
      local data, e = s:receive(size)
      if not data then return nil, e end
      parts[#parts + 1] = data
      s:receive("*l")
    end
  end
  local cl = headers["content-length"]
  if cl then
    local n = tonumber(cl[0])
    if not n then return nil, "bad content-length '" .. cl[0] .. "'" end
    if n == 0 then return "" end
    local data, err = s:receive(n)
    if not data then return nil, err end
    return data
  end
  local data, err, partial = s:receive("*a")
  return data or partial
end

local function send_request(method, req)
  if type(req) ~= "table" then
    error("bad argument #1 to '" .. method:lower() .. "' (table expected, got " .. type(req) .. ")", 3)
  end
  local scheme, host, port, path, authority = parse_url(req.url)
  if not scheme then error("httpclient: invalid url '" .. tostring(req.url) .. "' (http:// or https:// expected)", 3) end
  local s = core.tcp()
  if req.timeout then s:settimeout(req.timeout / 1000) end
  local addr, dport = host, port
  if req.dst then
    addr, dport = tostring(req.dst):match("^(.*):(%d+)$")
    if not addr then error("httpclient: invalid dst '" .. tostring(req.dst) .. "' (ADDR:PORT expected)", 3) end
    addr = addr:gsub("^ipv[46]@", ""):gsub("^%[(.*)%]$", "%1")
  end
  local ok, err
  if scheme == "https" then ok, err = s:connect_ssl(addr, dport) else ok, err = s:connect(addr, dport) end
  if not ok then s:close() return nil, err end
  local lines, has = { method .. " " .. path .. " HTTP/1.1" }, {}
  for name, values in pairs(req.headers or {}) do
    has[name:lower()] = true
    if type(values) == "table" then
      if values[0] ~= nil then lines[#lines + 1] = name .. ": " .. tostring(values[0]) end
      for _, v in ipairs(values) do lines[#lines + 1] = name .. ": " .. tostring(v) end
    else
      lines[#lines + 1] = name .. ": " .. tostring(values)
    end
  end
  if not has["host"] then lines[#lines + 1] = "host: " .. authority end
  local body = req.body and tostring(req.body) or ""
  if not has["content-length"] and (#body > 0 or method == "POST" or method == "PUT") then
    lines[#lines + 1] = "content-length: " .. #body
  end
  lines[#lines + 1] = "connection: close"
  s:send(concat(lines, "\r\n") .. "\r\n\r\n" .. body)
  local res = { headers = {} }
  local status_line
  repeat -- interim 1xx responses are skipped
    status_line, err = s:receive("*l")
    if not status_line then s:close() return nil, err end
    local code, reason = status_line:match("^HTTP/%d%.%d (%d%d%d) ?(.*)$")
    if not code then s:close() return nil, "bad status line '" .. status_line .. "'" end
    res.status, res.reason, res.headers = tonumber(code), reason, {}
    while true do
      local line, e = s:receive("*l")
      if not line then s:close() return nil, e end
      if line == "" then break end
      local name, value = line:match("^([^:]+):%s*(.-)%s*$")
      if name then add_header(res.headers, name:lower(), value) end
    end
  until res.status >= 200 or res.status == 101
  res.body, err = read_body(s, res.headers, method, res.status)
  s:close()
  if res.body == nil then return nil, err end
  return res
end

for _, m in ipairs({ "get", "head", "put", "post", "delete" }) do
  local method = m:upper()
  HTTPClient[m] = function(self, req) return send_request(method, req) end
end

-- Fetches and Converters: every fetch and converter of Haven as a method, '.' written '_'
-- (txn.f:req_hdr("host")). f and c give nil for no sample, sf and sc an empty string.
-- A method is made on first use and kept in the class's method table, which later lookups find
-- without calling Lua (__index is that table; its own __index makes what is missing).
local function sample_class(primitive, list, primitive_id)
  local names
  local methods = setmetatable({}, {
    __index = function(methods, k)
      names = names or list()
      local real = names[k]
      if real == nil then return nil end
      local id = primitive_id(real) -- Java keeps the name, and the call compiled once when it has no arguments
      local m = function(self, ...) return primitive(self.h, id, self.s, ...) end
      rawset(methods, k, m)
      return m
    end
  })
  return { __index = methods }
end
local Fetches = sample_class(H.fetch, H.fetch_names, H.fetch_id)
local Converters = sample_class(H.conv, H.conv_names, H.conv_id)

-- HTTP: the transaction's request and response heads.
local HTTP = {}
HTTP.__index = HTTP
function HTTP:req_get_headers() return H.http_headers(self.h, false) end
function HTTP:res_get_headers() return H.http_headers(self.h, true) end
-- H.http_op takes the operation as its number in H.http_ops (no string crosses to Java per call).
local ops = H.http_ops
for _, side in ipairs({ "req", "res" }) do
  local res = side == "res"
  for _, op in ipairs({ "add_header", "set_header", "del_header", "rep_header", "rep_value" }) do
    local code = ops[op]
    HTTP[side .. "_" .. op] = function(self, ...) H.http_op(self.h, res, code, ...) end
  end
end
for _, op in ipairs({ "set_method", "set_path", "set_query", "set_uri" }) do
  local code = ops[op]
  HTTP["req_" .. op] = function(self, v) H.http_op(self.h, false, code, v) end
end
local set_status = ops.set_status
function HTTP:res_set_status(status, reason) H.http_op(self.h, true, set_status, status, reason) end

-- A reply built by txn:reply() and sent by txn:done(reply) (HAProxy 2.6).
local Reply = {}
Reply.__index = Reply
function Reply:set_status(status, reason) self.status = status; self.reason = reason end
function Reply:add_header(name, value)
  name = name:lower()
  local values = self.headers[name]
  if values == nil then values = {}; self.headers[name] = values end
  values[#values + 1] = value
end
function Reply:del_header(name) self.headers[name:lower()] = nil end
function Reply:set_body(body) self.body = body end

-- TXN: what actions and sample fetches get. f, sf, c, sc and http are made on first use.
local TXN = {}
local TXN_mt = {
  __index = function(t, k)
    local m = TXN[k]
    if m ~= nil then return m end
    local v
    if k == "f" or k == "sf" then v = setmetatable({ h = t.h, s = (k == "sf") }, Fetches)
    elseif k == "c" or k == "sc" then v = setmetatable({ h = t.h, s = (k == "sc") }, Converters)
    elseif k == "http" and H.txn_is_http(t.h) then v = setmetatable({ h = t.h }, HTTP)
    else return nil end
    rawset(t, k, v)
    return v
  end
}
function TXN:set_var(name, value, ifexist) H.txn_set_var(self.h, name, value, ifexist) end
function TXN:get_var(name) return H.txn_get_var(self.h, name) end
function TXN:unset_var(name) H.txn_unset_var(self.h, name) end
function TXN:set_priv(v) H.txn_set_priv(self.h, v) end
function TXN:get_priv() return H.txn_get_priv(self.h) end
function TXN:log(level, msg) H.txn_log(self.h, level, msg) end
function TXN:deflog(msg) H.txn_log(self.h, core.info, msg) end
function TXN:Debug(msg) H.txn_log(self.h, core.debug, msg) end
function TXN:Info(msg) H.txn_log(self.h, core.info, msg) end
function TXN:Warning(msg) H.txn_log(self.h, core.warning, msg) end
function TXN:Alert(msg) H.txn_log(self.h, core.alert, msg) end
-- Accepted and checked, without effect in Haven (see the README): the client socket's TOS and
-- mark are not set per request.
function TXN:set_loglevel(level) H.txn_set_loglevel(self.h, level) end
function TXN:set_tos(tos) H.txn_check_int(self.h, tos, "set_tos") end
function TXN:set_mark(mark) H.txn_check_int(self.h, mark, "set_mark") end
function TXN:reply(t)
  local r = setmetatable({ status = 200, headers = {}, body = "" }, Reply)
  if t ~= nil then
    r.status = t.status or 200
    r.reason = t.reason
    r.body = t.body or ""
    for name, values in pairs(t.headers or {}) do
      if type(values) == "table" then
        for _, v in pairs(values) do r:add_header(name, v) end
      else
        r:add_header(name, values)
      end
    end
  end
  return r
end
function TXN:done(reply)
  if reply == nil then
    H.txn_done(self.h)
  else
    local flat, n = {}, 0
    for name, values in pairs(reply.headers or {}) do
      if type(values) ~= "table" then values = { values } end
      for _, v in pairs(values) do
        flat[n + 1], flat[n + 2] = name, tostring(v)
        n = n + 2
      end
    end
    H.txn_done(self.h, reply.status or 200, reply.reason, reply.body or "", flat)
  end
  error(H.done, 0)
end
-- The body of every action, sample fetch and converter coroutine: the TXN object is built here,
-- in Lua, so a call costs Java no round trip for it; http exists at once in HTTP, as in HAProxy.
-- f, the most used, is made at once (cheaper than through __index); the table has room for one
-- more field made on first use (a nil field sizes it), so that adding sf or c does not grow it.
function H.call_with_txn(fn, h, is_http, ...)
  local http = is_http and setmetatable({ h = h }, HTTP) or nil
  return fn(setmetatable({ h = h, http = http, f = setmetatable({ h = h, s = false }, Fetches), sf = nil }, TXN_mt), ...)
end

-- Map: lookups in the generation's map files (shared with the map() converters and the
-- runtime API). The constants are HAProxy's match method numbers.
local MapObj = {}
MapObj.__index = MapObj
function MapObj:lookup(s) return H.map_lookup(self.h, s, false) end
function MapObj:slookup(s) return H.map_lookup(self.h, s, true) end
Map = { _int = 2, _ip = 3, _len = 5, _str = 6, _beg = 7, _sub = 8, _dir = 9, _dom = 10, _end = 11, _reg = 12 }
Map.int, Map.ip, Map.str, Map.beg, Map.sub, Map.dir, Map.dom, Map["end"], Map.reg =
  Map._int, Map._ip, Map._str, Map._beg, Map._sub, Map._dir, Map._dom, Map._end, Map._reg
function Map.new(file, method) return setmetatable({ h = H.map_new(file, method) }, MapObj) end
Map.lookup = MapObj.lookup
Map.slookup = MapObj.slookup
function core.set_map(file, key, value) H.map_set(file, key, value) end
function core.del_map(file, key) H.map_del(file, key) end
