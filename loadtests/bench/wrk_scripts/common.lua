-- Shared by the scripts of this folder (wrk loads it into every Lua state, like the script itself):
-- thread ids, the per-thread counters, the answer check and, in done(), the line that
-- loadtests/bench/report.py reads:  BENCH sent=<n> bad=<n>
-- A script loads it from its own folder and names what a good answer holds:
--   local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
--   dofile(here .. "common.lua").check_answers(<pattern>, <plain>)
-- request() must add 1 to the global `sent` for every request it returns.

local threads = {}
local next_id = 1

function setup(thread)
   thread:set("id", next_id)
   table.insert(threads, thread)
   next_id = next_id + 1
end

sent = 0  -- globals: read back by done() through thread:get()
bad = 0

function done(summary, latency, reqs)
   local total_sent, total_bad = 0, 0
   for _, thread in ipairs(threads) do
      total_sent = total_sent + thread:get("sent")
      total_bad = total_bad + thread:get("bad")
   end
   -- wrk calls request() once on the first thread's state before the run, to check the script
   -- (script_verify_request); that request is never sent.
   io.write(string.format("BENCH sent=%d bad=%d\n", total_sent - 1, total_bad))
end

local common = {}

-- Defines response(): an answer is bad unless it is a 200 whose body holds `pattern`
-- (a Lua pattern, or a plain substring when `plain` is true).
function common.check_answers(pattern, plain)
   function response(status, headers, body)
      if status ~= 200 or not string.find(body, pattern, 1, plain) then
         bad = bad + 1
      end
   end
end

-- Defines init() and request() for a read: each request posts the next reference of the file named by the
-- script's first argument (one per line), between `before` and `after`, round robin; each thread starts at
-- its own offset. The requests are built once in init(), so wrk spends no CPU per request on formatting.
function common.round_robin(path, headers, before, after)
   local requests, count, position = {}, 0, 0
   function init(args)
      local file = args[1] or error("this script needs the references file: -- <file>")
      for reference in io.lines(file) do
         if reference ~= "" then
            count = count + 1
            requests[count] = wrk.format("POST", path, headers, before .. reference .. after)
         end
      end
      if count == 0 then error("no references in " .. file) end
      position = ((id or 1) - 1) * 997 % count
   end
   function request()
      position = position % count + 1
      sent = sent + 1
      return requests[position]
   end
end

-- Defines init() and request() for a write: each request carries a new id, <tag><thread id>-<counter>, between
-- `before` and `after` (the tag is the script's first argument; give every wrk run its own).
function common.unique_ids(path, headers, before, after)
   local prefix = ""
   function init(args)
      local tag = args[1] or error("this script needs a run tag: -- <tag>")
      prefix = before .. tag .. tostring(id or 1) .. "-"
   end
   function request()
      sent = sent + 1
      return wrk.format("POST", path, headers, prefix .. sent .. after)
   end
end

return common
