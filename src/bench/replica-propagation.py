# Two instances on one PostgreSQL (B does not poll: sync-interval 1h). Checks that codes created through A
# are answered at once on B, and measures how long a stock update made through A takes to show on B.
# Usage (from the repository root, after ./mvnw package -DskipTests; user postgres, trust auth):
#   python3 src/bench/replica-propagation.py jdbc:postgresql://127.0.0.1:5432/<database>
import json, os, subprocess, sys, tempfile, time, urllib.error, urllib.request, socket, statistics, random, string

url = sys.argv[1]
jar, rules = os.path.abspath("target/quarkus-app/quarkus-run.jar"), os.path.abspath("rules")
work = tempfile.mkdtemp(prefix="replicas-")
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def start(name, extra):
    port = free_port()
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "JAVA_HOME") if k in os.environ}
    env.update(PROMISE_DB_URL=url, PROMISE_DB_USER="postgres", PROMISE_RULES_DIR=rules, PROMISE_DEMO_DATA="false",
               QUARKUS_HTTP_PORT=str(port), QUARKUS_HTTP_HOST="127.0.0.1", **extra)
    log = open(f"{work}/{name}.log", "w")
    p = subprocess.Popen(["java", "-Xmx512m", "-jar", jar], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if urllib.request.urlopen(base + "/q/health/ready", timeout=2).status == 200: return p, base
        except Exception: time.sleep(0.5)
    raise SystemExit(name + " not ready; see " + work)

def call(method, u, body=None):
    req = urllib.request.Request(u, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r: return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e: return e.code, json.loads(e.read() or b"null")

procs = []
try:
    pa, A = start("a", {}); procs.append(pa)
    pb, B = start("b", {"PROMISE_SYNC_INTERVAL": "1h"}); procs.append(pb)
    sfx = "".join(random.choice(string.ascii_uppercase) for _ in range(6))
    site, region, sku = f"M-S-{sfx}", f"M-R-{sfx}", f"M-K-{sfx}"
    site_json = {"name": "m", "timeZone": "America/Sao_Paulo", "cutoff": "14:00", "workingDays": ["MON","TUE","WED","THU","FRI"], "dailyCapacity": {"orders": 1000}}
    # new codes: created on A, quoted on B immediately
    ok = 0
    for i in range(20):
        s = f"{site}-{i}"
        assert call("PUT", f"{A}/api/v1/sites/{s}", site_json)[0] == 200
        assert call("PUT", f"{A}/api/v1/sites/{s}/lanes/{region}", {"transitDays": 2})[0] == 200
        assert call("PUT", f"{A}/api/v1/sites/{s}/stock/{sku}", {"onHand": 10, "inbound": []})[0] == 200
        st, body = call("POST", f"{B}/api/v1/promises/validate", {"type": "DELIVERY", "site": s, "region": region, "lines": [{"sku": sku, "quantity": 1}]})
        ok += st == 200
    print(f"new codes created on A and quoted on B at once: {ok}/20 answered 200")
    # updates: stock on hand changed on A, polled on B
    s = f"{site}-0"
    call("GET", f"{B}/api/v1/sites/{s}/stock/{sku}")
    lat = []
    for i in range(50):
        t0 = time.perf_counter()
        assert call("PUT", f"{A}/api/v1/sites/{s}/stock/{sku}", {"onHand": 100 + i, "inbound": []})[0] == 200
        t1 = time.perf_counter()
        while call("GET", f"{B}/api/v1/sites/{s}/stock/{sku}")[1]["onHand"] != 100 + i:
            if time.perf_counter() - t1 > 10: raise SystemExit("no propagation within 10 s")
        lat.append((time.perf_counter() - t1) * 1000)
    lat.sort()
    print(f"stock update on A visible on B (after A's 200): median {statistics.median(lat):.1f} ms, p90 {lat[int(0.9*len(lat))]:.1f} ms, max {lat[-1]:.1f} ms (n=50, B polls hourly)")
finally:
    for p in procs: p.terminate()
    for p in procs: p.wait(30)
