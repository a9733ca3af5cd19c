-- wrk script for the scan server's cached-reply load test: posts the JSON request in
-- the file named by the SCAN_BODY environment variable (default: body.json) on every
-- request. Send that request once first, until its reply has status 20000.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local path = os.getenv("SCAN_BODY") or "body.json"
local file = assert(io.open(path, "r"), "cannot open request body " .. path)
wrk.body = file:read("*a")
file:close()
