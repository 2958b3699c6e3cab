#!/usr/bin/env python3
"""The load client and the checker of bench/faults.sh (see there for the whole run).

  faults.py storm  JOURNAL   -- 32 members vote (on/off), comment and post for STORM_SECONDS,
                                writing every request and its outcome to JOURNAL (JSON)
  faults.py check  JOURNAL   -- after the restart: every acknowledged write is in the database and
                                every counter equals its rows; prints a report, exits 1 if not

Only 127.0.0.1, only the standard library; psql for the checks (PGHOST/PGUSER/BENCH_DB from env.sh).
"""
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

import exactness  # bench/exactness.py: the checks shared with bench/cluster.py

PORT = int(os.environ.get("BENCH_PORT", "18099"))
DB = os.environ["BENCH_DB"]


def storm(journal_path):
    seconds = float(os.environ.get("STORM_SECONDS", "20"))
    members = [line.rstrip("\n").split("\t") for line in open(os.environ["FAULTS_TOKENS"]) if line.strip()]
    seeds = [int(x) for x in os.environ["FAULTS_SEEDS"].split(",")]
    board = os.environ["FAULTS_BOARD"]
    cookie = os.environ["FAULTS_CSRF_COOKIE"]
    csrf = os.environ["FAULTS_CSRF_TOKEN"]
    deadline = time.monotonic() + seconds
    journals = [[] for _ in members]

    def post(path, token, fields):
        body = urllib.parse.urlencode(dict(fields, **{"csrf-token": csrf}))
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
        try:
            conn.request("POST", path, body, {
                "Authorization": "Bearer " + token,
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "fanloop-csrf=" + cookie,
                "Accept-Language": "en",
            })
            response = conn.getresponse()
            response.read()
            return response.status, response.getheader("Location") or ""
        finally:
            conn.close()

    def client(index):
        subject, token = members[index]
        rng = random.Random(index)
        voted = {}
        n = 0
        while time.monotonic() < deadline:
            n += 1
            roll = rng.random()
            if roll < 0.6:
                sid = rng.choice(seeds)
                on = not voted.get(sid, False)
                entry = {"kind": "vote", "member": subject, "suggestion": sid, "on": on}
                path, fields = f"/suggestions/{sid}/vote", {"on": "true" if on else "false"}
            elif roll < 0.85:
                sid = rng.choice(seeds)
                marker = f"storm-c-{index}-{n}"
                entry = {"kind": "comment", "member": subject, "suggestion": sid, "marker": marker}
                path, fields = f"/suggestions/{sid}/comments", {"body": marker + " — a comment in the storm"}
            else:
                title = f"Storm s-{index}-{n}"
                entry = {"kind": "suggestion", "member": subject, "title": title}
                path, fields = f"/boards/{board}/suggestions", {
                    "kind": "SUGGESTION", "title": title, "body": "Posted during the storm."}
            entry["t"] = time.time()
            try:
                status, location = post(path, token, fields)
                entry["status"] = status
                # Acknowledged: 2xx, or a 3xx that is not a detour to the sign-in page.
                ok = 200 <= status < 300 or (300 <= status < 400 and "/login" not in location)
                entry["outcome"] = "ack" if ok else "failed"
                if ok and entry["kind"] == "suggestion":
                    entry["id"] = int(location.split("/suggestions/")[1].split("?")[0].split("#")[0])
            except ConnectionRefusedError:
                # Nothing listened: the request never reached the app.
                entry["outcome"] = "refused"
            except Exception as e:  # reset, timeout, broken pipe: it may or may not have been applied
                entry["outcome"] = "uncertain"
                entry["error"] = type(e).__name__
            if entry["kind"] == "vote" and entry["outcome"] in ("ack", "uncertain", "failed"):
                if entry["outcome"] == "ack":
                    voted[entry["suggestion"]] = entry["on"]
            journals[index].append(entry)
            if entry["outcome"] == "refused":
                time.sleep(0.2)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(members))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(journal_path, "w") as f:
        json.dump({"members": len(members), "seconds": seconds, "journals": journals}, f)


def check(journal_path):
    data = json.load(open(journal_path))
    entries = [e for j in data["journals"] for e in j]
    problems = []
    checked_pairs = exactness.check_votes(DB, data["journals"], problems)
    comments_found = exactness.check_comments(DB, entries, "storm-c-", problems)
    posts_found = exactness.check_posts(DB, entries, "Storm s-", problems)
    counter_report = exactness.check_counters(DB, exactness.COUNTERS, problems)

    def count(kind, outcome):
        return sum(1 for e in entries if e["kind"] == kind and e["outcome"] == outcome)

    killed, ready = float(os.environ["FAULTS_KILLED_AT"]), float(os.environ["FAULTS_READY_AT"])
    start = min(e["t"] for e in entries)
    print(f"- clients: {data['members']} members, {data['seconds']:.0f} s storm, app killed (kill -9) "
          f"{killed - start:.1f} s into it, ready again {ready - killed:.1f} s later")
    print()
    print("| write | acknowledged | failed (answered 4xx/5xx) | uncertain (in flight at the kill) | refused (app down) |")
    print("|---|---:|---:|---:|---:|")
    for kind in ("vote", "comment", "suggestion"):
        print(f"| {kind} | {count(kind, 'ack')} | {count(kind, 'failed')} | {count(kind, 'uncertain')} | {count(kind, 'refused')} |")
    print()
    before = sum(1 for e in entries if e["outcome"] == "ack" and e["t"] < killed)
    after = sum(1 for e in entries if e["outcome"] == "ack" and e["t"] >= killed)
    statuses = sorted({str(e.get("status")) for e in entries if e["outcome"] == "failed"})
    print(f"- acknowledged writes sent before the kill: {before}, after it (to the restarted app): {after}; "
          f"statuses of failed writes: {', '.join(statuses) or 'none'}")
    print(f"- vote states checked (member × suggestion, last acknowledged): {checked_pairs}; "
          f"acknowledged comments found: {comments_found}; acknowledged suggestions found: {posts_found}")
    print("\n".join(counter_report))
    if after == 0:
        problems.append("no write was acknowledged after the restart")
    if problems:
        print("\n**FAILED**:")
        for p in problems[:50]:
            print(f"- {p}")
        return 1
    print("\n**OK**: every acknowledged write is in the database and every counter equals its rows.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("storm", "check"):
        sys.exit(__doc__)
    if sys.argv[1] == "storm":
        storm(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2]))
