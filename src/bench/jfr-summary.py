#!/usr/bin/env python3
"""Summary of a JFR recording taken under load (src/bench/profile.sh): where the samples are, by thread and by method
(inclusive), young-GC pauses and deoptimizations. Uses only the JDK's `jfr` tool (JAVA_HOME/bin/jfr or on the PATH).

Usage: jfr-summary.py recording.jfr [top N] [method-name part ...]
  With name parts, only methods whose name contains one of them are listed (e.g. promisevalidator Drools)."""
import collections
import json
import os
import shutil
import subprocess
import sys


def jfr_tool():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    return shutil.which("jfr") or "jfr"


def events(recording, name, depth=64):
    out = subprocess.run([jfr_tool(), "print", "--json", "--stack-depth", str(depth), "--events", name, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(f):
    return f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    parts = sys.argv[3:]
    samples = events(recording, "jdk.ExecutionSample")
    threads = collections.Counter()
    inclusive = collections.Counter()
    for e in samples:
        v = e["values"]
        threads[(v.get("sampledThread") or {}).get("javaName", "?")] += 1
        st = v.get("stackTrace")
        if not st:
            continue
        for name in {frame_name(f) for f in st["frames"]}:  # each method once per sample
            inclusive[name] += 1
    n = max(1, len(samples))
    print(f"{len(samples)} execution samples")
    print("\nby thread:")
    for t, c in threads.most_common(8):
        print(f"  {100 * c / n:5.1f} %  {t}")
    print(f"\nmethods, inclusive (share of all samples){' containing ' + ', '.join(parts) if parts else ''}:")
    shown = 0
    for m, c in inclusive.most_common():
        if parts and not any(p in m for p in parts):
            continue
        print(f"  {100 * c / n:5.1f} %  {m}")
        shown += 1
        if shown >= top:
            break
    # sumOfPauses is an ISO-8601 duration, e.g. "PT0.012264896S"
    ms = sorted(float(e["values"]["sumOfPauses"][2:-1]) * 1000 for e in events(recording, "jdk.GarbageCollection", 1)
                if str(e["values"].get("sumOfPauses", "")).startswith("PT") and e["values"]["sumOfPauses"].endswith("S")
                and "M" not in e["values"]["sumOfPauses"])
    if ms:
        print(f"\nGC: {len(ms)} collections, pauses median {ms[len(ms) // 2]:.1f} ms, max {ms[-1]:.1f} ms, total {sum(ms):.0f} ms")
    deopts = collections.Counter(frame_name(e["values"]) if "method" in e["values"] else "?"
                                 for e in events(recording, "jdk.Deoptimization", 1))
    print(f"deoptimizations: {sum(deopts.values())}" + (f" (most: {deopts.most_common(1)[0][0]} x{deopts.most_common(1)[0][1]})" if deopts else ""))


if __name__ == "__main__":
    main()
