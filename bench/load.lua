-- wrk script of the side-by-side benchmark (bench/run). Every request carries a fresh, precomputed
-- HOTP code. Configuration comes from the environment (wrk's setup() sees no script arguments):
--   BENCH_MODE    twofold (SOAP auth factor=passcode), keycloak (OAuth direct grant with totp),
--                 mixed (Twofold: preauth, then auth with the user's code; 10% of codes wrong), or
--                 duo (Twofold's Duo-compatible API: POST /auth/v2/auth factor=passcode, each request
--                 signed here as Duo's clients sign it: signature version 2, HMAC-SHA1, Date header);
--                 the floors: static (GET of a static file), health (GET /health), ping (SOAP ping,
--                 no credentials), check (SOAP check, WS-Security credentials); the refusals: wrong
--                 (SOAP auth with a wrong code for each user in turn: a deny) and unknown (SOAP auth
--                 for a user that does not exist: fault 300), each from one source or from many
--   BENCH_SOURCES one (default: the integration's requests carry no ipaddr, so they are one source)
--                 or many (each request names another ipaddr, 10.0.0.0/8)
--   BENCH_CODES   codes.txt from Bench.java prepare: "username codes", code c at chars 6c+1..6c+6
--   BENCH_STATE   file with "username next-counter" lines, read at start and rewritten at the end,
--                 so consecutive runs continue where the previous one stopped
--   BENCH_RESULT  where done() writes the run's figures as key=value lines
--   BENCH_KEY, BENCH_SECRET  the Twofold integration's key and secret (WS-Security UsernameToken;
--                 Duo's ikey and skey)
--   BENCH_HOST    the host name the duo mode signs (the URL's, without the port: as duo_client signs)
--
-- Code order: thread t owns users t, t+T, t+2T, ... (disjoint sets) and goes round-robin over them,
-- so a user's next code is sent only after all the thread's other users had one: never two codes
-- of one user in flight. wrk calls request() once on thread 1 before the run to check it; that body
-- is never sent, so that call consumes no code. A code generated when the run stops may never reach
-- the server; the next run starts after it, which the server's look-ahead window absorbs.

local threads = {}
local counter = 1

function setup(thread)
   thread:set("tid", counter - 1)
   table.insert(threads, thread)
   counter = counter + 1
end

-- Per thread; globals, so that done() can read them with thread:get.
names, pos = {}, {}
generated, exhausted, wrong_sent = 0, 0, 0
ok, deny, bad, preauth_ok = 0, 0, 0, 0
auth_generated, auth_done = 0, 0
k, round = 0, 0
local mode, codes, n, checking
local pending_auth = false
local soap_head, soap_plain_head, many_sources

-- ---------------------------------------------------------------- Duo's request signature (duo mode)
-- HMAC-SHA1 and Base64 by OpenSSL's libcrypto (Debian's libssl3, always present), called through
-- LuaJIT's FFI: wrk has no crypto of its own, and a benchmark's signatures are no place for a
-- hand-written hash. Canonical request of signature version 2 (duo_client's canonicalize): date,
-- method, lower-case host, path, and the parameters sorted and percent-encoded, joined by newlines.
local ffi = require("ffi")
ffi.cdef[[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha1(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
]]
local crypto = ffi.load("libcrypto.so.3")
local duo_ikey, duo_host, duo_secret
local mac, mac_len = ffi.new("unsigned char[64]"), ffi.new("unsigned int[1]")

local function hmac_sha1_hex(key, msg)
   crypto.HMAC(crypto.EVP_sha1(), key, #key, msg, #msg, mac, mac_len)
   local out = {}
   for i = 0, mac_len[0] - 1 do
      out[#out + 1] = string.format("%02x", mac[i])
   end
   return table.concat(out)
end

local function base64(s)
   local buf = ffi.new("unsigned char[?]", 4 * math.ceil(#s / 3) + 1)
   local n = crypto.EVP_EncodeBlock(buf, s, #s)
   return ffi.string(buf, n)
end

-- Percent-encodes all but A-Z a-z 0-9 - . _ ~ (RFC 3986 unreserved), as Duo's canonical parameters.
local function pct(s)
   return (s:gsub("[^A-Za-z0-9%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- POST /auth/v2/auth factor=passcode, signed (version 2) for now: the Date header is the signed one.
local function duo_auth(name, code)
   local params = "factor=passcode&passcode=" .. pct(code) .. "&username=" .. pct(name)
   local date = os.date("!%a, %d %b %Y %H:%M:%S -0000")
   local canonical = date .. "\nPOST\n" .. duo_host .. "\n/auth/v2/auth\n" .. params
   local signature = hmac_sha1_hex(duo_secret, canonical)
   return wrk.format("POST", "/auth/v2/auth",
      {["Content-Type"] = "application/x-www-form-urlencoded", ["Date"] = date,
       ["Authorization"] = "Basic " .. base64(duo_ikey .. ":" .. signature)}, params)
end

-- "username next-counter" per user, and "#thread tid k round": where each thread's round-robin
-- stopped, so the next run starts with the users after it (a user whose request was still being
-- processed when the previous run stopped gets its next code only after a full round).
local function read_state(path)
   local state, where = {}, {}
   local f = io.open(path, "r")
   if f then
      for line in f:lines() do
         local name, next_counter = line:match("^(%S+) (%d+)$")
         if name then state[name] = tonumber(next_counter) end
         local t, tk, tround = line:match("^#thread (%d+) (%d+) (%d+)$")
         if t then where[tonumber(t)] = {tonumber(tk), tonumber(tround)} end
      end
      f:close()
   end
   return state, where
end

function init(args)
   mode = os.getenv("BENCH_MODE")
   local nthreads = tonumber(os.getenv("BENCH_THREADS"))
   local state, where = read_state(os.getenv("BENCH_STATE"))
   codes = {}
   local i = 0
   for line in io.lines(os.getenv("BENCH_CODES")) do
      if i % nthreads == tid then
         local name, all = line:match("^(%S+) (%d+)$")
         table.insert(names, name)
         table.insert(codes, all)
         table.insert(pos, state[name] or 0)
      end
      i = i + 1
   end
   n = #names
   if where[tid] then
      k, round = where[tid][1] % n, where[tid][2]
   end
   checking = (tid == 0)
   duo_ikey, duo_host = os.getenv("BENCH_KEY") or "", string.lower(os.getenv("BENCH_HOST") or "")
   duo_secret = os.getenv("BENCH_SECRET") or ""
   many_sources = os.getenv("BENCH_SOURCES") == "many"
   soap_plain_head = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="urn:twofold:auth:1">'
      .. '<soapenv:Body>'
   soap_head = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="urn:twofold:auth:1">'
      .. '<soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">'
      .. '<wsse:UsernameToken><wsse:Username>' .. os.getenv("BENCH_KEY") .. '</wsse:Username><wsse:Password>'
      .. os.getenv("BENCH_SECRET") .. '</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body>'
end

local function code_of(u, c)
   local all = codes[u]
   if (c + 1) * 6 > #all then
      return nil
   end
   return all:sub(c * 6 + 1, c * 6 + 6)
end

local function soap(body)
   return wrk.format("POST", "/ws/AuthService",
      {["Content-Type"] = "text/xml; charset=utf-8", ["SOAPAction"] = '""'},
      soap_head .. body .. '</soapenv:Body></soapenv:Envelope>')
end

-- With BENCH_SOURCES=many, each request names another end user's address (ipaddr), i.e. another source.
local sent_from = 0
local function auth_body(name, code)
   local ipaddr = ''
   if many_sources then
      sent_from = sent_from + 1
      ipaddr = '<t:ipaddr>10.' .. (tid * 64 + math.floor(sent_from / 65536) % 64) .. '.' .. math.floor(sent_from / 256) % 256
         .. '.' .. sent_from % 256 .. '</t:ipaddr>'
   end
   return '<t:auth><t:username>' .. name .. '</t:username><t:factor>passcode</t:factor><t:passcode>'
      .. code .. '</t:passcode>' .. ipaddr .. '</t:auth>'
end

-- A code that is none of the user's codes in [c, c + 100]: certainly wrong for the server.
local wrong_cache = {}
local function find_wrong_code(u, c)
   local candidate = 0
   while true do
      local w = string.format("%06d", candidate)
      local clash = false
      for d = 0, 100 do
         if code_of(u, c + d) == w then clash = true break end
      end
      if not clash then return w end
      candidate = candidate + 1
   end
end

-- The same, remembered while the user's counter stays (a wrong code moves no counter).
local function wrong_code(u, c)
   local w = wrong_cache[u]
   if w == nil or w[1] ~= c then
      w = {c, find_wrong_code(u, c)}
      wrong_cache[u] = w
   end
   return w[2]
end

-- The next code of user u, advancing its counter (unless this is wrk's check call).
local function take(u, consume)
   local c = pos[u]
   local code = code_of(u, c)
   if code == nil then
      exhausted = exhausted + 1
      code = code_of(u, #codes[u] / 6 - 1)
   elseif consume then
      pos[u] = c + 1
   end
   return code
end

-- The floors and the refusals: requests that consume no code.
local floor_modes = {static = true, health = true, ping = true, check = true}
local refusal_modes = {wrong = true, unknown = true}

local function next_user()
   k = k + 1
   if k == n then
      k = 0
      round = round + 1
   end
end

function request()
   local consume = not checking
   checking = false
   local u = k + 1
   if floor_modes[mode] then
      if consume then generated = generated + 1 end
      if mode == "static" then
         return wrk.format("GET", "/resources/css/twofold.css")
      elseif mode == "health" then
         return wrk.format("GET", "/health")
      elseif mode == "ping" then
         return wrk.format("POST", "/ws/AuthService", {["Content-Type"] = "text/xml; charset=utf-8", ["SOAPAction"] = '""'},
            soap_plain_head .. '<t:ping/></soapenv:Body></soapenv:Envelope>')
      end
      return soap('<t:check/>')
   end
   if refusal_modes[mode] then
      local req
      if mode == "wrong" then
         -- a code that is none of the user's next 100: a wrong code uses no counter
         req = soap(auth_body(names[u], wrong_code(u, pos[u])))
      else
         req = soap(auth_body("nobody-" .. tid .. "-" .. k .. "-" .. round, "123456"))
      end
      if consume then
         generated = generated + 1
         auth_generated = auth_generated + 1
         wrong_sent = wrong_sent + 1
         next_user()
      end
      return req
   end
   if mode == "mixed" and not pending_auth then
      -- mixed: preauth(user), then auth(user); a user's code is wrong in every 10th of its rounds
      if consume then
         pending_auth = true
         generated = generated + 1
      end
      return soap('<t:preauth><t:username>' .. names[u] .. '</t:username><t:ipaddr>192.0.2.' .. (u % 250 + 1)
         .. '</t:ipaddr></t:preauth>')
   end
   local req
   if mode == "keycloak" then
      local code = take(u, consume)
      req = wrk.format("POST", "/realms/bench/protocol/openid-connect/token",
         {["Content-Type"] = "application/x-www-form-urlencoded"},
         "grant_type=password&client_id=bench&username=" .. names[u] .. "&password=pw-" .. names[u] .. "&totp=" .. code)
   elseif mode == "duo" then
      req = duo_auth(names[u], take(u, consume))
   elseif mode == "mixed" and (round + u) % 10 == 9 then
      req = soap(auth_body(names[u], wrong_code(u, pos[u])))
      if consume then wrong_sent = wrong_sent + 1 end
   else
      req = soap(auth_body(names[u], take(u, consume)))
   end
   if consume then
      pending_auth = false
      generated = generated + 1
      auth_generated = auth_generated + 1
      next_user()
   end
   return req
end

function response(status, headers, body)
   if floor_modes[mode] then
      local expect = ({ping = "pingResponse", check = "checkResponse"})[mode]
      if status == 200 and (expect == nil or body:find(expect, 1, true)) then ok = ok + 1 else bad = bad + 1 end
      return
   end
   if mode == "unknown" then
      -- fault 300 (no such user): the expected refusal
      auth_done = auth_done + 1
      if status == 500 and body:find(">300<", 1, true) then deny = deny + 1 else bad = bad + 1 end
      return
   end
   if mode == "keycloak" then
      if status == 200 then ok = ok + 1 else bad = bad + 1 end
      auth_done = auth_done + 1
      return
   end
   if mode == "duo" then
      -- Duo's envelope: {"stat":"OK","response":{"result":"allow",...}}; a refusal is {"stat":"FAIL",...}
      auth_done = auth_done + 1
      if status == 200 and body:find('"result":"allow"', 1, true) then
         ok = ok + 1
      elseif status == 200 and body:find('"result":"deny"', 1, true) then
         deny = deny + 1
      else
         bad = bad + 1
      end
      return
   end
   -- "preauthResponse" contains "authResponse": preauth is told apart first.
   if status == 200 and body:find("preauthResponse", 1, true) then
      preauth_ok = preauth_ok + 1
   elseif status == 200 and body:find("authResponse", 1, true) then
      auth_done = auth_done + 1
      if body:find(">allow<", 1, true) then
         ok = ok + 1
      elseif body:find(">invalid_passcode<", 1, true) then
         deny = deny + 1
      else
         bad = bad + 1
      end
   else
      if body:find("authResponse", 1, true) == nil and mode ~= "mixed" then
         auth_done = auth_done + 1 -- a fault answering an auth request
      end
      bad = bad + 1
   end
end

function done(summary, latency, requests)
   local out = io.open(os.getenv("BENCH_RESULT"), "w")
   local state = io.open(os.getenv("BENCH_STATE"), "w")
   local t = {generated = 0, exhausted = 0, ok = 0, deny = 0, bad = 0, preauth_ok = 0, wrong_sent = 0,
              auth_generated = 0, auth_done = 0}
   for _, thread in ipairs(threads) do
      for key, _ in pairs(t) do
         t[key] = t[key] + (thread:get(key) or 0)
      end
      state:write("#thread " .. thread:get("tid") .. " " .. thread:get("k") .. " " .. thread:get("round") .. "\n")
      local tnames, tpos = thread:get("names"), thread:get("pos")
      for i, name in ipairs(tnames) do
         state:write(name .. " " .. tpos[i] .. "\n")
      end
   end
   state:close()
   local e = summary.errors
   out:write(string.format("requests=%d\nduration_s=%.3f\nrps=%.1f\n", summary.requests, summary.duration / 1e6,
      summary.requests / (summary.duration / 1e6)))
   out:write(string.format("p50_ms=%.2f\np90_ms=%.2f\np99_ms=%.2f\nmax_ms=%.2f\n", latency:percentile(50) / 1000,
      latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
   out:write(string.format("socket_errors=%d\ntimeouts=%d\nnon2xx=%d\n", e.connect + e.read + e.write, e.timeout, e.status))
   for key, value in pairs(t) do
      out:write(key .. "=" .. value .. "\n")
   end
   out:close()
end
