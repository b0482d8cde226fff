-- wrk script: POST one 3-line delivery quote to /api/v1/promises/validate (demo data).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local promised = os.date("!%Y-%m-%d", os.time() + 12 * 86400)
wrk.body = '{"type":"DELIVERY","quoteId":"BENCH","rep":"alice","customer":"ACME","site":"SP","region":"RJ",' ..
  '"lines":[{"sku":"SKU-1","quantity":5},{"sku":"SKU-2","quantity":3},{"sku":"SKU-3","quantity":1}],' ..
  '"promisedBy":"' .. promised .. '"}'
