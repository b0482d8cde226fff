-- wrk script: a 3-line delivery quote against the scale benchmark's site S0 -> R05.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"DELIVERY","site":"S0","region":"R05","orderedAt":"2026-12-01T10:00:00-03:00","promisedBy":"2026-12-09",' ..
  '"lines":[{"sku":"A","quantity":2},{"sku":"B","quantity":1},{"sku":"C","quantity":3}]}'
