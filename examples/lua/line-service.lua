-- A line protocol served by Haven (or HAProxy) itself, with no server behind:
--
--   frontend lines
--       mode tcp
--       bind :7000
--       tcp-request content use-service lua.lines
--
-- Commands, one per line: HELLO <name>, UPPER <text>, SUM <n> <n> ..., COUNT (commands so far on
-- this connection), QUIT. Anything else gets an ERR line; the connection stays usable. The state
-- of a connection lives in the service function's locals (HAProxy 2.6's AppletTCP get_priv
-- returns nil after set_priv, so portable scripts do not rely on it).

local function reply(applet, text)
  applet:send(text .. "\r\n")
end

local commands = {}

function commands.HELLO(applet, args)
  reply(applet, "HI " .. (args[1] or "stranger"))
end

function commands.UPPER(applet, args)
  reply(applet, string.upper(table.concat(args, " ")))
end

function commands.SUM(applet, args)
  local total = 0
  for _, a in ipairs(args) do
    local n = tonumber(a)
    if n == nil then
      return reply(applet, "ERR not a number: " .. a)
    end
    total = total + n
  end
  reply(applet, "SUM " .. string.format("%d", total))
end

function commands.COUNT(applet, args, state)
  reply(applet, "COUNT " .. state.count)
end

core.register_service("lines", "tcp", function(applet)
  local state = { count = 0 }
  reply(applet, "READY")
  while true do
    local line = applet:getline()
    if line == nil or line == "" then
      return -- the client closed
    end
    line = line:gsub("[\r\n]+$", "")
    local words = core.tokenize(line, " ", true)
    local verb = string.upper(words[1] or "")
    table.remove(words, 1)
    state.count = state.count + 1
    if verb == "QUIT" then
      reply(applet, "BYE")
      return
    end
    local handler = commands[verb]
    if handler then
      handler(applet, words, state)
    else
      reply(applet, "ERR unknown command '" .. verb .. "'")
    end
  end
end)
