-- wrk: password logins, each request as the next of BENCH_USERS users, as many clients would.
local users = tonumber(os.getenv("BENCH_USERS"))
local password = os.getenv("BENCH_PASSWORD")
local sent = 0

request = function()
  sent = sent + 1
  local body = "grant_type=password&username=" .. os.getenv("BENCH_USER") .. (sent % users) .. "&password=" .. password
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
