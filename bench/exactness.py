"""Exactness checks shared by bench/faults.py and bench/cluster.py: after a run whose every write was journaled
(acknowledged, failed, uncertain or refused), every acknowledged write is in the database and every counter equals
its rows. Standard library only; psql (PGHOST/PGUSER from bench/env.sh) reads the database.

A journal is a list per client of entries {"kind", "member", "outcome", ...}: "vote" (suggestion, on), "comment"
(marker: the first word of its body), "suggestion" (title, id when acknowledged).
"""
import subprocess


def rows(db, sql):
    out = subprocess.run(["psql", "-d", db, "-tA", "-F", "\t", "-c", sql], check=True, capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def check_votes(db, journals, problems):
    """Per member and suggestion, the state of the last acknowledged request, or of a later request whose outcome
    is unknown (in flight at a kill) or that failed. Returns how many pairs were checked."""
    stored = {(m, int(s)) for m, s in rows(db, "select m.subject, v.suggestion_id from vote v join member m on m.id = v.member_id")}
    checked = 0
    for journal in journals:
        by_pair = {}
        for e in journal:
            if e["kind"] == "vote":
                by_pair.setdefault((e["member"], e["suggestion"]), []).append(e)
        for pair, requests in by_pair.items():
            acked = [i for i, e in enumerate(requests) if e["outcome"] == "ack"]
            if not acked:
                continue
            last = acked[-1]
            allowed = {requests[last]["on"]} | {e["on"] for e in requests[last + 1:] if e["outcome"] in ("uncertain", "failed")}
            checked += 1
            if (pair in stored) not in allowed:
                problems.append(f"vote of {pair[0]} on #{pair[1]}: acknowledged {'on' if requests[last]['on'] else 'off'}, "
                                f"stored {'on' if pair in stored else 'off'}")
    return checked


def check_comments(db, entries, prefix, problems):
    """Every acknowledged comment (its marker starts with prefix) stored once. Returns how many were found."""
    stored = {}
    for (body,) in rows(db, f"select body from comment where body like '{prefix}%'"):
        marker = body.split(" ")[0]
        stored[marker] = stored.get(marker, 0) + 1
    found = 0
    for e in entries:
        if e["kind"] == "comment" and e["outcome"] == "ack":
            if e["marker"] in stored:
                found += 1
            else:
                problems.append(f"acknowledged comment {e['marker']} is missing")
    problems += [f"comment {m} stored {n} times" for m, n in stored.items() if n > 1]
    return found


def check_posts(db, entries, prefix, problems):
    """Every acknowledged suggestion (title starts with prefix) stored, each title once. Returns how many were found."""
    stored = {int(i): t for i, t in rows(db, f"select id, title from suggestion where title like '{prefix}%'")}
    found = 0
    for e in entries:
        if e["kind"] == "suggestion" and e["outcome"] == "ack":
            if stored.get(e["id"]) == e["title"]:
                found += 1
            else:
                problems.append(f"acknowledged suggestion #{e['id']} ({e['title']}) is missing")
    titles = list(stored.values())
    problems += [f"suggestion {t} stored {titles.count(t)} times" for t in set(titles) if titles.count(t) > 1]
    return found


# Each counter column against its rows: the query lists the rows whose counter is wrong.
COUNTERS = {
    "suggestions whose vote_count differs from their vote rows": """
        select s.id from suggestion s where s.vote_count <> (select count(*) from vote v where v.suggestion_id = s.id)""",
    "suggestions whose comment_count differs from their visible comments": """
        select s.id from suggestion s
        where s.comment_count <> (select count(*) from comment c where c.suggestion_id = s.id and not c.hidden)""",
    "suggestions whose follower_count differs from their follow rows": """
        select s.id from suggestion s
        where s.follower_count <> (select count(*) from suggestion_follow f where f.suggestion_id = s.id)""",
    "boards whose suggestion_count differs from their visible suggestions": """
        select b.id from board b
        where b.suggestion_count <> (select count(*) from suggestion s where s.board_id = b.id and not s.hidden)""",
    "members whose points differ from their honour_point ledger": """
        select m.subject from member m
        where m.points <> coalesce((select sum(p.points) from honour_point p
                                    where p.member_id = m.id and p.revoked_at is null), 0)""",
}

# Counters the cluster run exercises too (feature items with linked suggestions, reports).
MORE_COUNTERS = {
    "feature items whose demand differs from the distinct voters of their suggestions": """
        select f.id from feature_item f
        where f.demand <> (select count(distinct v.member_id) from vote v join suggestion x on x.id = v.suggestion_id
                           where x.feature_item_id = f.id)""",
    "suggestions whose open_reports differs from their open reports": """
        select s.id from suggestion s
        where s.open_reports <> (select count(*) from report r where r.suggestion_id = s.id and r.status = 'OPEN')""",
    "comments whose open_reports differs from their open reports": """
        select c.id from comment c
        where c.open_reports <> (select count(*) from report r where r.comment_id = c.id and r.status = 'OPEN')""",
}


def check_counters(db, counters, problems):
    """Runs each counter query; returns report lines "- name: n" and adds a problem for each wrong counter."""
    report = []
    for name, sql in counters.items():
        wrong = rows(db, sql)
        report.append(f"- {name}: {len(wrong)}")
        if wrong:
            problems.append(f"{name}: {', '.join(w[0] for w in wrong[:10])}")
    return report
