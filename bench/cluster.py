#!/usr/bin/env python3
"""The load client, sinks and checker of bench/cluster.sh (see there for the whole run): two app nodes behind
HAProxy, members signed in once through production's code flow, their session cookies used on either node.

  cluster.py sinks            -- an SMTP sink and a webhook receiver on 127.0.0.1, recording every mail and call
  cluster.py setup            -- signs the members in, posts the seeds, registers the webhook, proves the
                                 cross-node sign-in, CSRF and ban; writes WORK/state.json
  cluster.py load             -- every member a thread, through the balancer, until WORK/stop exists;
                                 writes WORK/journal.json (every request and its outcome)
  cluster.py stale            -- the visitor page cache's staleness per node, and a member's own change on the other node
  cluster.py check            -- waits for the jobs to finish, then checks everything; prints the report (Markdown)
                                 and exits 1 if a check failed

Only 127.0.0.1, only the standard library; psql for the database (PGHOST/PGUSER/BENCH_DB from bench/env.sh).
Ports and paths come from the environment cluster.sh sets (CLUSTER_*).
"""
import email
import email.policy
import http.client
import json
import os
import random
import re
import signal
import socket
import socketserver
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import exactness  # bench/exactness.py: the checks shared with bench/faults.py

DB = os.environ.get("BENCH_DB", "fanloop_cluster")
WORK = os.environ.get("CLUSTER_WORK", ".")
LB = int(os.environ.get("CLUSTER_LB_PORT", "18200"))
NODES = {"a": int(os.environ.get("CLUSTER_A_PORT", "18201")), "b": int(os.environ.get("CLUSTER_B_PORT", "18202"))}
OIDC = int(os.environ.get("CLUSTER_OIDC_PORT", "18220"))
SMTP = int(os.environ.get("CLUSTER_SMTP_PORT", "18225"))
HOOKS = int(os.environ.get("CLUSTER_HOOK_PORT", "18226"))
TIMEOUT = 60  # generous: two cores shared with other work; correctness must not depend on speed
CSRF_FIELD = re.compile(r'X-CSRF-TOKEN": "([^"]+)"')


def q(sql):
    return exactness.rows(DB, sql)


def q1(sql):
    r = q(sql)
    return r[0][0] if r else None


def path(name):
    return os.path.join(WORK, name)


# ---------------------------------------------------------------------------------------------------------------
# A browser: its cookies, the CSRF token of the last page it read, one new connection per request.

class Browser:
    def __init__(self, member=None, cookies=None):
        self.member = member
        self.cookies = dict(cookies or {})
        self.token = None

    def request(self, method, port, target, fields=None, headers=None):
        """(status, headers, body, node). node: the balancer's X-Node, or the node whose port was used."""
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        try:
            h = {"Accept-Language": "en", "Host": f"127.0.0.1:{port}"}
            if self.cookies:
                h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if fields is not None:
                body = urllib.parse.urlencode(fields, doseq=True)
                h["Content-Type"] = "application/x-www-form-urlencoded"
            h.update(headers or {})
            conn.request(method, target, body, h)
            r = conn.getresponse()
            text = r.read().decode("utf-8", "replace")
            for line in r.msg.get_all("Set-Cookie") or []:
                c = SimpleCookie()
                c.load(line)
                for name, morsel in c.items():
                    if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            node = r.getheader("X-Node") or next((n for n, p in NODES.items() if p == port), None)
            if method == "GET":
                m = CSRF_FIELD.search(text)
                if m:
                    self.token = m.group(1)
            return r.status, r, text, node
        finally:
            conn.close()

    def get(self, port, target):
        return self.request("GET", port, target)

    def post(self, port, target, fields):
        return self.request("POST", port, target, dict(fields, **{"csrf-token": self.token or ""}))


def local(location):
    """The path and query of a Location (absolute or not)."""
    u = urllib.parse.urlparse(location)
    return u.path + ("?" + u.query if u.query else "")


def sign_in(b, start_port, callback_port):
    """Production's code flow: /login on start_port, the provider (told who signs in), the callback on callback_port.
    Returns the status of /me after it, on callback_port."""
    status, r, _, _ = b.get(start_port, "/login?to=/me")
    if status not in (302, 303):
        raise RuntimeError(f"/login answered {status}")
    authorize = r.getheader("Location")
    if f":{OIDC}/" not in authorize:
        raise RuntimeError(f"/login sent the browser to {authorize}")
    conn = http.client.HTTPConnection("127.0.0.1", OIDC, timeout=TIMEOUT)
    conn.request("GET", local(authorize) + "&login_hint=" + urllib.parse.quote(b.member))
    back = conn.getresponse()
    back.read()
    callback = back.getheader("Location")
    conn.close()
    target = local(callback)
    for _ in range(6):
        status, r, _, _ = b.get(callback_port, target)
        if status not in (301, 302, 303, 307):
            break
        target = local(r.getheader("Location"))
    status, _, body, _ = b.get(callback_port, "/me")
    return status


def classify(status, r, node, via_balancer):
    """acknowledged / failed / uncertain / refused, for a write that got an answer."""
    location = r.getheader("Location") or ""
    if via_balancer and r.getheader("X-Node") is None:
        # The balancer's own answer: 503 = no node took it (never sent); 502/504 = a node may have applied it.
        return "refused" if status == 503 else "uncertain"
    if 200 <= status < 300 or (300 <= status < 400 and "/login" not in location and "authorize" not in location):
        return "ack"
    return "failed"


# ---------------------------------------------------------------------------------------------------------------
# sinks: SMTP and webhooks

class MailRecorder:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    def record(self, rcpts, data):
        msg = email.message_from_bytes(data, policy=email.policy.default)
        text = ""
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                try:
                    text += part.get_content()
                except Exception:
                    text += part.get_payload(decode=True).decode("utf-8", "replace")
        ids = sorted({int(n) for n in re.findall(r"/me/notifications/(\d+)", text)})
        entry = {"t": time.time(), "to": rcpts, "subject": str(msg.get("Subject", "")), "notifications": ids}
        with self.lock:
            self.out.write(json.dumps(entry) + "\n")
            self.out.flush()


def smtp_handler(recorder):
    class Smtp(socketserver.StreamRequestHandler):
        def reply(self, line):
            self.wfile.write((line + "\r\n").encode())
            self.wfile.flush()

        def handle(self):
            self.reply("220 cluster-sink ESMTP")
            rcpts, sender = [], None
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                cmd = line.decode("utf-8", "replace").strip()
                verb = cmd.split(" ")[0].upper()
                if verb == "EHLO":
                    self.wfile.write(b"250-cluster-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                    self.wfile.flush()
                elif verb == "HELO":
                    self.reply("250 cluster-sink")
                elif verb == "MAIL":
                    sender, rcpts = cmd, []
                    self.reply("250 OK")
                elif verb == "RCPT":
                    rcpts.append(cmd.split(":", 1)[1].strip().strip("<>").split(">")[0])
                    self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 go ahead")
                    lines = []
                    while True:
                        d = self.rfile.readline()
                        if not d or d in (b".\r\n", b".\n"):
                            break
                        lines.append(d[1:] if d.startswith(b"..") else d)
                    recorder.record(rcpts, b"".join(lines))
                    self.reply("250 OK queued")
                    rcpts = []
                elif verb == "RSET":
                    rcpts = []
                    self.reply("250 OK")
                elif verb == "QUIT":
                    self.reply("221 bye")
                    return
                else:
                    self.reply("250 OK")
    return Smtp


def sinks():
    mail_out = open(path("mail.jsonl"), "a")
    hooks_out = open(path("webhooks.jsonl"), "a")
    lock = threading.Lock()

    class Hooks(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                event = json.loads(body).get("id")
            except Exception:
                event = None
            entry = {"t": time.time(), "delivery": self.headers.get("Fanloop-Delivery"),
                     "type": self.headers.get("Fanloop-Event"), "event": event}
            with lock:
                hooks_out.write(json.dumps(entry) + "\n")
                hooks_out.flush()
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    smtp = socketserver.ThreadingTCPServer(("127.0.0.1", SMTP), smtp_handler(MailRecorder(mail_out)))
    smtp.daemon_threads = True
    ThreadingHTTPServer.allow_reuse_address = True
    hooks = ThreadingHTTPServer(("127.0.0.1", HOOKS), Hooks)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    hooks.serve_forever()


# ---------------------------------------------------------------------------------------------------------------
# setup

def members():
    return [line.rstrip("\n").split("\t") for line in open(path("members.tsv")) if line.strip()]


def setup():
    state = {"checks": {}}
    checks = state["checks"]
    everyone = members()  # subject, name, role
    browsers = {s: Browser(s) for s, _, _ in everyone}

    # Cross-node sign-in: /login on node A, the provider's redirect back to node B (the state cookie A set).
    first = everyone[0][0]
    me_b = sign_in(browsers[first], NODES["a"], NODES["b"])
    me_a = browsers[first].get(NODES["a"], "/me")[0]
    checks["sign-in started on node a, callback on node b"] = (me_b == 200 and me_a == 200,
                                                                  f"/me on b: {me_b}, then on a: {me_a}")
    # Everyone else once, through the balancer (the callback lands on either node).
    failed = []
    for s, _, _ in everyone[1:]:
        if sign_in(browsers[s], LB, LB) != 200:
            failed.append(s)
    checks["every member signed in once through the balancer"] = (not failed, f"{len(everyone)} members; failed: {failed or 'none'}")
    ids = {s: int(i) for s, i in q("select subject, id from member")}

    seeder, admin, fan = browsers["cluster-seeder"], browsers["cluster-admin"], browsers["cluster-banned"]
    seeder.get(LB, "/boards/cluster")
    seeds = []
    for i in range(8):
        status, r, _, _ = seeder.post(LB, "/boards/cluster/suggestions",
                                      {"kind": "SUGGESTION", "title": f"Cluster seed {i + 1}", "body": "Vote, comment, follow here."})
        seeds.append(int(local(r.getheader("Location")).split("/suggestions/")[1].split("?")[0]))
    state["seeds"] = seeds
    # Suggestions the load leaves alone, for the page cache probes (bench/cluster.py stale).
    probes = []
    for i in range(3):
        status, r, _, _ = seeder.post(LB, "/boards/cluster/suggestions",
                                      {"kind": "SUGGESTION", "title": f"Cluster probe {i + 1}", "body": "For the page cache probes."})
        probes.append(int(local(r.getheader("Location")).split("/suggestions/")[1].split("?")[0]))
    state["probes"] = probes

    # CSRF issued by one node, accepted by the other: a page read on a, the vote posted to b, and the reverse.
    csrf_ok = []
    for read, write, on in (("a", "b", "true"), ("b", "a", "false")):
        m = browsers[everyone[1][0]]
        m.get(NODES[read], f"/suggestions/{seeds[0]}")
        token = m.token
        status, r, _, _ = m.request("POST", NODES[write], f"/suggestions/{seeds[0]}/vote", {"on": on, "csrf-token": token})
        csrf_ok.append((read, write, status))
    checks["a CSRF token from one node is accepted by the other"] = (
        all(s == 303 for _, _, s in csrf_ok), ", ".join(f"page on {a}, vote on {b}: {s}" for a, b, s in csrf_ok))
    # ... and a forged one is not (the check is real).
    m = browsers[everyone[1][0]]
    forged = m.request("POST", NODES["b"], f"/suggestions/{seeds[0]}/vote", {"on": "true", "csrf-token": "forged"})[0]
    checks["a forged CSRF token is refused"] = (forged in (400, 403), f"answered {forged}")

    # The webhook endpoint, through the admin page.
    admin.get(NODES["a"], "/admin/webhooks")
    status, r, _, _ = admin.post(NODES["a"], "/admin/webhooks", {
        "url": f"http://127.0.0.1:{HOOKS}/hook", "description": "cluster bench receiver",
        "events": ["suggestion.created", "comment.created", "release.published"]})
    state["webhook"] = q1("select count(*) from webhook_endpoint")
    checks["webhook endpoint registered (admin page)"] = (status in (200, 303) and state["webhook"] == "1",
                                                          f"answered {status}")

    # A ban set on node a applies on node b at once.
    fan.get(NODES["b"], f"/suggestions/{seeds[1]}")
    before = fan.post(NODES["b"], f"/suggestions/{seeds[1]}/vote", {"on": "true"})[0]
    fan_id = ids["cluster-banned"]
    admin.get(NODES["a"], f"/admin/members/{fan_id}")
    banned = admin.post(NODES["a"], f"/admin/members/{fan_id}/sanctions",
                        {"kind": "BAN", "permanent": "true", "reason": "cluster bench: a ban set on node a"})
    t_ban = time.time()
    after, _, body, _ = fan.post(NODES["b"], f"/suggestions/{seeds[1]}/vote", {"on": "false"})
    lag = time.time() - t_ban
    vote_kept = q1(f"select count(*) from vote where member_id = {fan_id} and suggestion_id = {seeds[1]}")
    checks["a ban set on node a applies on node b at once"] = (
        before == 303 and banned[0] == 303 and after == 403 and vote_kept == "1",
        f"fan's vote on b before: {before}; ban on a: {banned[0]}; the fan's next request, on b, {lag * 1000:.0f} ms later: "
        f"{after}{' (the ban notice)' if after == 403 else ''}; the vote it tried to withdraw is still there: {vote_kept == '1'}")

    state["cookies"] = {s: b.cookies for s, b in browsers.items()}
    state["ids"] = ids
    json.dump(state, open(path("state.json"), "w"))
    for name, (ok, detail) in checks.items():
        print(f"  {'OK  ' if ok else 'FAIL'} {name}: {detail}")


# ---------------------------------------------------------------------------------------------------------------
# load

def load():
    state = json.load(open(path("state.json")))
    seeds = state["seeds"]
    think = float(os.environ.get("CLUSTER_THINK", "0.05"))
    loaders = [(s, n) for s, n, _ in members() if s.startswith("cluster-member-")]
    journals = [[] for _ in loaders]
    comments = []  # (comment id, author) acknowledged so far: what members report
    lock = threading.Lock()
    stop = path("stop")

    def client(index):
        subject = loaders[index][0]
        b = Browser(subject, state["cookies"][subject])
        rng = random.Random(index)
        voted, following, reported = {}, {}, set()
        n = 0
        b.get(LB, f"/suggestions/{seeds[0]}")
        while not os.path.exists(stop):
            n += 1
            roll = rng.random()
            sid = rng.choice(seeds)
            entry = {"member": subject, "t": time.time()}
            fields = None
            if roll < 0.30:
                on = not voted.get(sid, False)
                entry.update(kind="vote", suggestion=sid, on=on)
                target, fields = f"/suggestions/{sid}/vote", {"on": "true" if on else "false"}
            elif roll < 0.42:
                marker = f"cluster-c-{index}-{n}"
                entry.update(kind="comment", suggestion=sid, marker=marker)
                target, fields = f"/suggestions/{sid}/comments", {"body": marker + " — a comment from the cluster load"}
            elif roll < 0.46:
                title = f"Cluster s-{index}-{n}"
                entry.update(kind="suggestion", title=title)
                target, fields = "/boards/cluster/suggestions", {"kind": "SUGGESTION", "title": title, "body": "Posted under load."}
            elif roll < 0.54:
                on = not following.get(sid, True)
                entry.update(kind="follow", suggestion=sid, on=on)
                target, fields = f"/suggestions/{sid}/follow", {"on": "true" if on else "false"}
            elif roll < 0.57:
                with lock:
                    candidates = [c for c, a in comments if a != subject and c not in reported]
                if not candidates:
                    continue
                cid = rng.choice(candidates)
                reported.add(cid)
                entry.update(kind="report", comment=cid)
                target, fields = f"/comments/{cid}/report", {"reason": "OFF_TOPIC", "text": "cluster bench"}
            else:
                page = rng.choice([f"/suggestions/{sid}"] * 4 + ["/boards/cluster"] * 2 + ["/", "/me/notifications", "/me"])
                entry.update(kind="read", page=page.split("?")[0])
                target = page
            try:
                if fields is None:
                    status, r, body, node = b.get(LB, target)
                    entry["status"], entry["node"] = status, node
                    # A member's pages: /me sends a visitor to sign in.
                    if status in (302, 303, 401) and target.startswith("/me"):
                        entry["signed_out"] = True
                    entry["outcome"] = "ack" if status == 200 else ("refused" if status == 503 and node is None else "failed")
                else:
                    status, r, body, node = b.post(LB, target, fields)
                    entry["status"], entry["node"] = status, node
                    entry["outcome"] = classify(status, r, node, True)
                    location = r.getheader("Location") or ""
                    if "/login" in location or f":{OIDC}/" in location or status == 401:
                        entry["signed_out"] = True
                    if entry["outcome"] == "ack":
                        if entry["kind"] == "vote":
                            voted[sid] = entry["on"]
                        elif entry["kind"] == "follow":
                            following[sid] = entry["on"]
                        elif entry["kind"] == "suggestion":
                            entry["id"] = int(local(location).split("/suggestions/")[1].split("?")[0])
                        elif entry["kind"] == "comment" and "#comment-" in location:
                            entry["comment"] = int(location.split("#comment-")[1])
                            with lock:
                                comments.append((entry["comment"], subject))
                    if entry["kind"] in ("vote", "comment", "suggestion", "follow") and "auto" not in entry:
                        # Posting, voting and commenting follow the suggestion.
                        if entry["kind"] != "follow" and entry["outcome"] == "ack" and entry.get("suggestion"):
                            following[entry["suggestion"]] = True
            except ConnectionRefusedError:
                entry["outcome"] = "refused"
            except Exception as e:  # reset, timeout: it may or may not have been applied
                entry["outcome"] = "uncertain"
                entry["error"] = type(e).__name__
            entry["done"] = time.time()
            journals[index].append(entry)
            if think:
                time.sleep(think * (0.5 + rng.random()))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(loaders))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    json.dump({"members": len(loaders), "journals": journals}, open(path("journal.json"), "w"))


# ---------------------------------------------------------------------------------------------------------------
# stale: the visitor page cache with two nodes, and a member's own change on the other node

def stale():
    state = json.load(open(path("state.json")))
    probes = state["probes"]
    ttl = float(os.environ.get("CLUSTER_CACHE_TTL_SECONDS", "2"))
    visitor = Browser()
    visitor.get(LB, "/")  # the CSRF cookie: a returning visitor gets the cached copies
    writer = Browser("cluster-reader", state["cookies"]["cluster-reader"])
    writer.get(NODES["a"], f"/suggestions/{probes[0]}")
    rounds = []
    for k in range(int(os.environ.get("CLUSTER_STALE_ROUNDS", "6"))):
        page = f"/suggestions/{probes[0]}"
        # Both nodes hold a copy made before the change.
        for port in (NODES["a"], NODES["b"], LB, LB):
            visitor.get(port, page)
        time.sleep(random.Random(k).random() * ttl)
        marker = f"stale-probe-{k}-{int(time.time() * 1000)}"
        status, _, _, _ = writer.post(NODES["a"], f"/suggestions/{probes[0]}/comments", {"body": marker + " — staleness probe"})
        acked = time.time()
        seen = {}
        regressions = 0
        shown_lb = False
        deadline = acked + ttl * 5 + 10
        while time.time() < deadline and len(seen) < 3:
            for name, port in (("a", NODES["a"]), ("b", NODES["b"]), ("balancer", LB)):
                _, _, body, node = visitor.get(port, page)
                has = marker in body
                if name == "balancer":
                    if shown_lb and not has:
                        regressions += 1  # newer, then older: the other node's copy
                    shown_lb = shown_lb or has
                if has and name not in seen:
                    seen[name] = time.time() - acked
            time.sleep(0.05)
        rounds.append({"status": status, "seen": seen, "regressions": regressions})
    # A member's own change shows on the other node at once: the page cached on b first, the change on a.
    own = []
    m = Browser("cluster-reader", state["cookies"]["cluster-reader"])
    for k, sid in enumerate((probes[1], probes[2])):
        for _ in range(2):
            m.get(NODES["b"], f"/suggestions/{sid}")  # b keeps the members' copy
        _, _, body, _ = m.get(NODES["a"], f"/suggestions/{sid}")
        was = re.search(rf'id="vote-{sid}".*?aria-pressed="(true|false)"', body, re.S)
        on = not (was and was.group(1) == "true")
        vote = m.post(NODES["a"], f"/suggestions/{sid}/vote", {"on": "true" if on else "false"})[0]
        _, _, body, _ = m.get(NODES["b"], f"/suggestions/{sid}")
        now = re.search(rf'id="vote-{sid}".*?aria-pressed="(true|false)"', body, re.S)
        vote_ok = vote == 303 and now is not None and (now.group(1) == "true") == on
        marker = f"own-change-{k}-{int(time.time() * 1000)}"
        comment = m.post(NODES["a"], f"/suggestions/{sid}/comments", {"body": marker + " — my own change"})[0]
        _, _, body, _ = m.get(NODES["b"], f"/suggestions/{sid}")
        own.append({"suggestion": sid, "vote": "on" if on else "off", "vote_shown_on_b": vote_ok,
                    "comment_shown_on_b": comment == 303 and marker in body})
    json.dump({"rounds": rounds, "own": own, "ttl": ttl}, open(path("stale.json"), "w"))


# ---------------------------------------------------------------------------------------------------------------
# check

def phases():
    marks = {}
    if os.path.exists(path("phases")):
        for line in open(path("phases")):
            name, t = line.split()
            marks[name] = float(t)
    return marks


def haproxy_log():
    """Requests the balancer logged: (accept time, backend server, method, uri, status, termination state, retries)."""
    out = []
    for line in open(path("haproxy.log"), errors="replace"):
        parts = line.strip().split("|")
        if len(parts) != 8 or parts[0] != "req":
            continue
        _, t, server, method, uri, status, term, retries = parts
        out.append({"t": float(t), "server": server, "method": method, "uri": uri, "status": int(status),
                    "term": term, "retries": retries})
    return out


def wait_for_jobs(seconds):
    """Until every event is delivered, no immediate mail is owed, no webhook delivery is pending, the release is out."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        left = q1("""select (select count(*) from domain_event where delivered_at is null)
                          + (select count(*) from notification where mail_pending)
                          + (select count(*) from webhook_delivery where status = 'PENDING')
                          + (select count(*) from release where state <> 'PUBLISHED')""")
        if left == "0":
            return True
        time.sleep(1)
    return False


def check():
    state = json.load(open(path("state.json")))
    data = json.load(open(path("journal.json")))
    marks = phases()
    results = []  # (name, ok, detail)

    def result(name, ok, detail=""):
        results.append((name, bool(ok), detail))

    for name, (ok, detail) in state["checks"].items():
        result(name, ok, detail)

    jobs_done = wait_for_jobs(float(os.environ.get("CLUSTER_JOBS_WAIT", "150")))
    result("the jobs finished (events delivered, mail sent, webhooks delivered, release published)", jobs_done,
           "" if jobs_done else "something was still pending after the wait")

    journals = data["journals"]
    entries = [e for j in journals for e in j]
    writes = [e for e in entries if e["kind"] != "read"]
    reads = [e for e in entries if e["kind"] == "read"]
    start = min(e["t"] for e in entries)
    end = max(e.get("done", e["t"]) for e in entries)
    lines = []
    lines.append(f"- load: {data['members']} members (one thread each) through the balancer for {end - start:.0f} s: "
                 f"{len(entries)} requests ({len(writes)} writes, {len(reads)} page reads), "
                 f"{len(entries) / (end - start):.1f} requests/s")
    per_node = {}
    for e in entries:
        if e.get("node"):
            per_node[e["node"]] = per_node.get(e["node"], 0) + 1
    answered = sum(per_node.values())
    lines.append("- per-node share (the balancer's X-Node header): "
                 + ", ".join(f"{n}: {c} ({100 * c / answered:.0f} %)" for n, c in sorted(per_node.items())))

    def window(e, a, b):
        return marks.get(a, 0) <= e["t"] < marks.get(b, 1e18)

    def during_kill(e):
        # In flight at the kill, or sent before node b was back: the window where a write may be cut off.
        return e.get("done", e["t"]) >= marks.get("kill", 1e18) and e["t"] < marks.get("rejoined", 0)

    windows = [("before the kill", "load", "kill"), ("kill -9 of node b until it rejoined", "kill", "rejoined"),
               ("after the rejoin, before the rolling restart", "rejoined", "rolling"),
               ("rolling restart (a, then b)", "rolling", "rolled"), ("after the rolling restart", "rolled", "stop")]
    lines.append("")
    lines.append("| phase | writes | acknowledged | failed (4xx/5xx) | uncertain | refused | reads | reads not 200 | signed out |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, a, b in windows:
        w = [e for e in writes if window(e, a, b)]
        r = [e for e in reads if window(e, a, b)]
        c = lambda o: sum(1 for e in w if e["outcome"] == o)
        lines.append(f"| {label} | {len(w)} | {c('ack')} | {c('failed')} | {c('uncertain')} | {c('refused')} | {len(r)} | "
                     f"{sum(1 for e in r if e.get('status') != 200)} | {sum(1 for e in w + r if e.get('signed_out'))} |")
    lines.append("")
    lines.append("| write | acknowledged | failed | uncertain | refused |")
    lines.append("|---|---:|---:|---:|---:|")
    for kind in ("vote", "comment", "suggestion", "follow", "report"):
        c = lambda o: sum(1 for e in writes if e["kind"] == kind and e["outcome"] == o)
        lines.append(f"| {kind} | {c('ack')} | {c('failed')} | {c('uncertain')} | {c('refused')} |")
    statuses = {}
    for e in entries:
        if e["outcome"] in ("failed", "uncertain"):
            key = f"{e['kind']} {e.get('status', e.get('error'))}"
            statuses[key] = statuses.get(key, 0) + 1
    lines.append("")
    lines.append("- failed or uncertain requests by kind and status: "
                 + (", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())) or "none"))

    signed_out = sum(1 for e in entries if e.get("signed_out"))
    result("members stayed signed in on both nodes, across the kill and the restarts", signed_out == 0,
           f"requests that found the member signed out: {signed_out}")
    # Outside the kill window no write may fail.
    outside = [e for e in writes if not during_kill(e) and e["outcome"] != "ack"]
    result("every write outside the kill window was acknowledged", not outside,
           f"{len(outside)} not acknowledged" + (f": {outside[:3]}" if outside else ""))
    kill_w = [e for e in writes if during_kill(e)]
    result("the balancer moved the traffic to node a while b was down",
           sum(1 for e in entries if window(e, "kill", "rejoined") and e.get("node") == "a" and e["outcome"] == "ack") > 0
           and all(e.get("node") != "b" for e in entries if marks.get("kill", 0) + 5 < e["t"] < marks.get("restart", 0)),
           f"{sum(1 for e in kill_w if e['outcome'] == 'ack')} of {len(kill_w)} writes acknowledged in the kill window")
    rejoined = sum(1 for e in entries if window(e, "rejoined", "rolling") and e.get("node") == "b")
    result("the killed node rejoined and took requests again", rejoined > 0, f"{rejoined} requests on b after it rejoined")

    # Every acknowledged write is in the database; counters equal their rows.
    problems = []
    pairs = exactness.check_votes(DB, journals, problems)
    found_c = exactness.check_comments(DB, entries, "cluster-c-", problems)
    found_s = exactness.check_posts(DB, entries, "Cluster s-", problems)
    stored_reports = {(s, int(c)) for s, c in q(
        "select m.subject, r.comment_id from report r join member m on m.id = r.reporter_id where r.comment_id is not null")}
    missing_reports = [e for e in writes if e["kind"] == "report" and e["outcome"] == "ack" and (e["member"], e["comment"]) not in stored_reports]
    problems += [f"acknowledged report by {e['member']} on comment {e['comment']} is missing" for e in missing_reports]
    counter_lines = exactness.check_counters(DB, {**exactness.COUNTERS, **exactness.MORE_COUNTERS}, problems)
    result("every acknowledged write is in the database (votes as last acknowledged, comments, suggestions, reports)",
           not [p for p in problems if "counter" not in p and "differs" not in p],
           f"vote states {pairs}, comments {found_c}, suggestions {found_s}, reports "
           f"{sum(1 for e in writes if e['kind'] == 'report' and e['outcome'] == 'ack') - len(missing_reports)}")
    result("every counter equals its rows", not [p for p in problems if "differs" in p], "; ".join(c[2:] for c in counter_lines))
    for p in problems[:20]:
        lines.append(f"- problem: {p}")

    # The balancer's log: the rolling restart without one failed request.
    log = haproxy_log()
    rolling = [r for r in log if marks.get("rolling", 0) <= r["t"] < marks.get("rolled", 0)]
    bad = [r for r in rolling if r["status"] >= 500 or r["term"] != "--"]
    result("no failed request in the balancer's log during the rolling restart", rolling and not bad,
           f"{len(rolling)} requests logged in it, {len(bad)} failed" + (f": {bad[:3]}" if bad else "")
           + f"; retried or redispatched: {sum(1 for r in rolling if r['retries'] not in ('0', '+0'))}")
    kill_log = [r for r in log if marks.get("kill", 0) <= r["t"] < marks.get("rejoined", 0)]
    lines.append(f"- balancer log, kill window: {len(kill_log)} requests, "
                 f"{sum(1 for r in kill_log if r['status'] >= 500 or r['term'] != '--')} failed "
                 f"(termination states: {', '.join(sorted({r['term'] for r in kill_log if r['term'] != '--'})) or 'none'}), "
                 f"{sum(1 for r in kill_log if r['retries'] not in ('0', '+0'))} retried or redispatched")
    lines.append(f"- balancer log, whole run: {len(log)} requests; per server: "
                 + ", ".join(f"{s}: {sum(1 for r in log if r['server'] == s)}" for s in sorted({r['server'] for r in log})))

    # Jobs: exactly once.
    release = q("select id, state, (select count(*) from domain_event e where e.release_id = r.id and e.kind = 'RELEASE_PUBLISHED'), "
                "(select count(*) from audit_entry a where a.action = 'release.publish' and a.target_id = r.id), "
                "(select count(*) from release_suggestion x where x.release_id = r.id), "
                "(select count(*) from suggestion s where s.shipped_release_id = r.id), "
                "(select count(*) from honour_point p where p.reason = 'SHIPPED' and p.suggestion_id in "
                "   (select suggestion_id from release_suggestion x where x.release_id = r.id)), "
                "to_char(published_at - scheduled_at, 'MI:SS.MS') from release r where version = 'cluster-1.0'")
    if release:
        rid, rstate, events, audits, credited, shipped, points, late = release[0]
        timeline = q1(f"""select count(*) from status_change c where c.to_status = 'SHIPPED' and c.suggestion_id in
                          (select suggestion_id from release_suggestion where release_id = {rid})""")
        ok = rstate == "PUBLISHED" and events == "1" and audits == "1" and credited == shipped and points == credited \
            and timeline == credited
        result("the scheduled release was published once (during the load)", ok,
               f"state {rstate}, {events} RELEASE_PUBLISHED event, {audits} publish audit entry, {credited} credited, "
               f"{shipped} shipped, {points} SHIPPED point rows, {timeline} SHIPPED timeline entries; published {late} after it fell due")
    else:
        result("the scheduled release was published once (during the load)", False, "release missing")
    dup_n = q1("select count(*) from (select 1 from notification group by event_id, member_id having count(*) > 1) d")
    undelivered = q1("select count(*) from domain_event where delivered_at is null")
    total_n = q1("select count(*) from notification")
    release_n = q1("select count(*) from notification n join domain_event e on e.id = n.event_id where e.kind = 'RELEASE_PUBLISHED'")
    release_audience = q1("select count(distinct a.member_id) from domain_event_audience a join domain_event e on e.id = a.event_id "
                          "where e.kind = 'RELEASE_PUBLISHED' and a.member_id is distinct from e.actor_id")
    result("notifications: one per event and member", dup_n == "0" and undelivered == "0" and release_n == release_audience,
           f"{total_n} notifications, {dup_n} duplicated (event, member) pairs, {undelivered} events undelivered; "
           f"the release: {release_n} notifications for {release_audience} members of its audience")

    # Mail: no duplicate (recipient, notification); every mailed notification arrived.
    mails = [json.loads(line) for line in open(path("mail.jsonl"))] if os.path.exists(path("mail.jsonl")) else []
    seen, dups = {}, []
    for m in mails:
        for n in m["notifications"]:
            for to in m["to"]:
                key = (to, n)
                if key in seen:
                    dups.append((key, seen[key], m["t"]))
                seen[key] = m["t"]
    digest_ids = {int(n) for (n,) in q("select id from notification where reason = 'FOLLOWER' and kind = 'SUGGESTION_POSTED' "
                                       "and created_at < now() - interval '1 day'")}
    # An immediate mail lists at most 50 notifications (the rest wait on the site) and marks every one it covered
    # mailed at the same instant: one mail per (member, mailed_at).
    batches = {to: int(n) for to, n in q("select m.email, count(distinct n.mailed_at) from notification n "
                                         "join member m on m.id = n.member_id where n.mailed_at is not null group by m.email")}
    immediate = {}
    for m in mails:
        if not set(m["notifications"]) & digest_ids:
            for to in m["to"]:
                immediate[to] = immediate.get(to, 0) + 1
    lost_mail = [to for to, n in batches.items() if immediate.get(to, 0) < n]
    extra_mail = [to for to, n in immediate.items() if n > batches.get(to, 0)]
    kill_t, back_t = marks.get("kill", 0), marks.get("rejoined", 0)
    dups_outside = [d for d in dups if not (kill_t - 5 <= d[1] <= back_t + 40)]
    digests, digests_at_kill = {}, 0
    for m in mails:
        if set(m["notifications"]) & digest_ids:
            for to in m["to"]:
                digests[to] = digests.get(to, 0) + 1
                if digests[to] > 1 and kill_t - 5 <= m["t"] <= back_t + 40:
                    digests_at_kill += 1
    digest_rows = q1("select count(*) from notification_digest")
    # A mail is sent inside its claim's transaction: a node killed, or a transaction the reaper rolled back (the
    # 60 s timeout, on a starved machine) after the send leaves the mail owed, and it goes out again.
    rollbacks = 0
    for name in ("node-a.log", "node-b.log"):
        if os.path.exists(path(name)):
            rollbacks += sum(1 for line in open(path(name), errors="replace")
                             if "IntervalTrigger [id=notification-mail" in line or "IntervalTrigger [id=notification-digest" in line)
    result("mail: no duplicate mail (recipient, notification), none lost",
           not dups_outside and not lost_mail and (not extra_mail or dups),
           f"{len(mails)} mails received, {len(seen)} (recipient, notification) pairs; {len(dups)} duplicates "
           f"({len(dups) - len(dups_outside)} at the kill, where at-least-once is the guarantee); immediate mails "
           f"{sum(immediate.values())} for {sum(batches.values())} mailed batches; members missing a mail: {len(lost_mail)}, "
           f"with one too many: {len(extra_mail)}; mail job runs that failed after sending (transaction rolled back, see the "
           f"node logs): {rollbacks}")
    result("weekly digest: once per member and week (at the kill: at least once)",
           digests and sum(digests.values()) - digests_at_kill == len(digests) and str(len(digests)) == digest_rows,
           f"{len(digests)} members got a digest of last week ({sum(digests.values())} digest mails, {digests_at_kill} "
           f"of them a second copy sent again after the node that sent the first was killed before its commit; "
           f"{digest_rows} notification_digest rows)")

    # Webhooks: each delivery arrived once (at the kill: at least once).
    hooks = [json.loads(line) for line in open(path("webhooks.jsonl"))] if os.path.exists(path("webhooks.jsonl")) else []
    received = {}
    for h in hooks:
        received.setdefault(h["delivery"], []).append(h["t"])
    db_deliveries = {u: (s, int(a)) for u, s, a in q("select cast(delivery_uuid as text), status, attempts from webhook_delivery")}
    not_received = [u for u, (s, _) in db_deliveries.items() if s == "DELIVERED" and u not in received]
    twice = {u: ts for u, ts in received.items() if len(ts) > 1}
    # At least once: a delivery is sent again when its claim's lease ran out before the result was written (the node
    # died, or its batch took longer than the lease); the receiver de-duplicates on the event id. A second copy of a
    # delivery claimed only once would be a bug.
    twice_outside = {u: ts for u, ts in twice.items() if db_deliveries.get(u, ("", 1))[1] < 2}
    twice_lease = {u: ts for u, ts in twice.items() if not (kill_t - 15 <= ts[0] <= back_t + 60)}
    not_delivered = sum(1 for s, _ in db_deliveries.values() if s != "DELIVERED")
    retried = sum(1 for _, a in db_deliveries.values() if a > 1)
    result("webhooks: every delivery arrived; a second copy only after its lease ran out (at least once)",
           not not_received and not twice_outside and not_delivered == 0 and db_deliveries,
           f"{len(db_deliveries)} deliveries, {len(hooks)} calls received, {not_delivered} not DELIVERED, "
           f"{len(not_received)} delivered but never received, {len(twice)} received twice "
           f"({len(twice) - len(twice_lease)} claimed by the killed node, {len(twice_lease)} whose batch outlived its "
           f"{os.environ.get('FANLOOP_WEBHOOKS_LEASE', 'PT2M')} lease on a starved node; each sent again after the lease, "
           f"none claimed once and received twice: {not twice_outside}), "
           f"{retried} took more than one attempt")

    # Honours: last week closed once; medals once per member by the primary key.
    week = q("select week_start, top_member_id, top_points from honour_week order by week_start desc limit 1")
    top_medal = q1(f"select count(*) from member_medal where medal = 'TOP_WEEKLY' and member_id = {week[0][1]}") if week and week[0][1] else None
    weeks = q1("select count(*) from honour_week")
    result("honours: last week closed once, its top contributor medalled once",
           week and week[0][1] and top_medal == "1" and weeks == "1",
           f"honour_week rows: {weeks}; top member {week[0][1] if week else '-'} with {week[0][2] if week else '-'} points; "
           f"TOP_WEEKLY medals of that member: {top_medal}")
    dup_points = q1("select count(*) from (select 1 from honour_point group by reason, source_id having count(*) > 1) d")
    result("honour points: each thing earns its reason once", dup_points == "0", f"{dup_points} duplicated (reason, source)")

    # Search catch-up: one run for both nodes, every row indexed.
    runs = q("select phase, total_rows, rows_done, batches from search_reindex")
    stale_rows = q1("select (select count(*) from suggestion where search_version <> 1) + (select count(*) from comment where search_version <> 1)")
    result("search catch-up: one run shared by the nodes, every row indexed once",
           len(runs) == 1 and runs[0][0] == "DONE" and runs[0][1] == runs[0][2] and stale_rows == "0",
           f"runs: {len(runs)} ({', '.join(f'{p}, {d} of {t} rows in {b} batches' for p, t, d, b in runs)}); rows left stale: {stale_rows}")

    # Staleness.
    if os.path.exists(path("stale.json")):
        st = json.load(open(path("stale.json")))
        worst = {n: max((r["seen"].get(n, 1e9) for r in st["rounds"]), default=None) for n in ("a", "b", "balancer")}
        regress = sum(r["regressions"] for r in st["rounds"])
        never = [r for r in st["rounds"] if len(r["seen"]) < 3]
        bound = st["ttl"] + 1.5
        result(f"a visitor's page is at most the TTL ({st['ttl']:.0f} s) plus a render behind, on every node",
               not never and all(v <= bound for v in worst.values()),
               f"{len(st['rounds'])} changes; worst delay until shown: " + ", ".join(f"{n} {v:.2f} s" for n, v in worst.items())
               + f"; through the balancer, newer then older again: {regress} times")
        own_ok = all(o["vote_shown_on_b"] and o["comment_shown_on_b"] for o in st["own"])
        result("a member sees their own change at once on the other node", own_ok,
               "; ".join(f"#{o['suggestion']}: vote {o['vote']} shown on b: {o['vote_shown_on_b']}, comment shown on b: {o['comment_shown_on_b']}"
                         for o in st["own"]))

    print("\n".join(lines))
    print()
    print("| check | result | detail |")
    print("|---|---|---|")
    for name, ok, detail in results:
        print(f"| {name} | {'OK' if ok else '**FAIL**'} | {str(detail).replace('|', '/')} |")
    failed = [n for n, ok, _ in results if not ok]
    print()
    print(f"**{'OK' if not failed else 'FAILED'}**: {len(results) - len(failed)} of {len(results)} checks passed"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    commands = {"sinks": sinks, "setup": setup, "load": load, "stale": stale, "check": check}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]]() or 0)
