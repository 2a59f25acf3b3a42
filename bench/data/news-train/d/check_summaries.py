#!/usr/bin/env python3
"""Mechanical self-check for the news-dev reference summaries (summaries.json).

Usage:  python3 check_summaries.py     (run from anywhere; it checks the folder it lives in)

Checks, per story: two "short" references of 2-3 sentences and 40-70 words, two "medium"
references of 4-6 sentences and 80-130 words, every number in a reference present in the story,
and 8-10 key facts that appear verbatim in one paragraph of the story (case-insensitive,
hard-wrapped lines joined), at least 3 of them first found after paragraph 3. It then prints,
for information, the Lead-3 / Lead-5 baseline scored the way README.md describes.
Exit status 0 when every check passes, 1 otherwise. Standard library only.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # leave no __pycache__ in the set
sys.path.insert(0, HERE)
from check import split_story  # noqa: E402  (the set's paragraph rules, one definition)

N_STORIES = 6
LIMITS = {"short": ((2, 3), (40, 70)), "medium": ((4, 6), (80, 130))}  # (sentences), (words)
FACTS_MIN, FACTS_MAX, FACTS_LATE, LATE_AFTER = 8, 10, 3, 3
TOO_SIMILAR = 0.5  # ROUGE-2 F1 between a story's two references of one length

# A period after these never ends a sentence (the next word is a name, a number or "Open").
# Anything else ("N.C.", "p.m.", "2030s.") ends one when a capital or an opening quote follows.
NON_TERMINAL = {"u.s", "u.n", "u.k", "dr", "mr", "mrs", "ms", "st", "gov", "sen", "rep", "gen",
                "no", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "vs"}
BOUNDARY = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z])")


def sentences(text):
    """Split one paragraph (or one summary) into sentences."""
    out, start = [], 0
    for m in BOUNDARY.finditer(text):
        before = text[start:m.start() + 1].split()
        last = before[-1].lstrip("\"“‘'(").rstrip(".").lower() if before else ""
        if text[m.start()] == "." and last in NON_TERMINAL:
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def words(text):
    """Words: whitespace-separated tokens with at least one letter or digit (a lone dash is not)."""
    return [w for w in text.split() if re.search(r"\w", w)]


def numbers(text):
    return set(re.findall(r"\d+(?:[.,:]\d+)*", text))


def norm(text):
    return " ".join(text.lower().split())


# ROUGE as README.md describes it: lowercase ASCII letter/digit tokens, no stemming, no stopword
# removal; F1 of clipped n-gram overlap (ROUGE-1, ROUGE-2) and of the longest common subsequence
# (ROUGE-L); for each metric the better of the two references.
def tokens(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def _ngrams(t, n):
    out = {}
    for i in range(len(t) - n + 1):
        out[tuple(t[i:i + n])] = out.get(tuple(t[i:i + n]), 0) + 1
    return out


def _f1(hit, n_cand, n_ref):
    if hit == 0:
        return 0.0
    p, r = hit / n_cand, hit / n_ref
    return 2 * p * r / (p + r)


def rouge_n(cand, ref, n):
    a, b = _ngrams(tokens(cand), n), _ngrams(tokens(ref), n)
    hit = sum(min(v, b.get(k, 0)) for k, v in a.items())
    return _f1(hit, sum(a.values()), sum(b.values()))


def rouge_l(cand, ref):
    a, b = tokens(cand), tokens(ref)
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return _f1(prev[-1], len(a), len(b))


def score(cand, refs):
    """[ROUGE-1, ROUGE-2, ROUGE-L] F1 of cand, each the max over refs."""
    return [max(f(cand, r) for r in refs) for f in
            (lambda c, r: rouge_n(c, r, 1), lambda c, r: rouge_n(c, r, 2), rouge_l)]


def fact_recall(summary, facts):
    s = norm(summary)
    return sum(1 for f in facts if norm(f) in s) / len(facts)


def check(errors, rows, lead):
    path = os.path.join(HERE, "summaries.json")
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except Exception as e:  # noqa: BLE001
        errors.append(f"summaries.json: cannot load: {e}")
        return
    if set(data) != {"about", "stories"} or not isinstance(data["stories"], list):
        errors.append("summaries.json: want exactly the keys 'about' and 'stories' (a list)")
        return
    story_files = sorted(p for p in os.listdir(HERE)
                         if p.endswith((".md", ".txt")) and p != "README.md")
    listed = [s.get("file") for s in data["stories"]]
    if len(listed) != N_STORIES:
        errors.append(f"{len(listed)} stories, want {N_STORIES}")
    if sorted(listed) != story_files:
        errors.append(f"stories {listed} do not match the story files {story_files}")

    for st in data["stories"]:
        name = st.get("file", "?")
        def err(msg):
            errors.append(f"{name}: {msg}")
        if set(st) != {"file", "short", "medium", "keyFacts"}:
            err(f"keys {sorted(st)} (want file, short, medium, keyFacts)")
            continue
        if name not in story_files:
            err("no such story file")
            continue
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            _, paras = split_story(f.read())
        story_numbers = numbers(" ".join(paras))
        row = {"file": name}

        for length, ((s_lo, s_hi), (w_lo, w_hi)) in LIMITS.items():
            refs = st[length]
            if (not isinstance(refs, list) or len(refs) != 2
                    or not all(isinstance(r, str) and r.strip() for r in refs)):
                err(f"{length}: want a list of 2 non-empty strings")
                continue
            for tag, ref in zip("AB", refs):
                n_s, n_w = len(sentences(ref)), len(words(ref))
                row[f"{length} {tag}"] = (n_s, n_w)
                if not s_lo <= n_s <= s_hi:
                    err(f"{length} {tag}: {n_s} sentences, want {s_lo}-{s_hi}")
                if not w_lo <= n_w <= w_hi:
                    err(f"{length} {tag}: {n_w} words, want {w_lo}-{w_hi}")
                stray = sorted(numbers(ref) - story_numbers)
                if stray:
                    err(f"{length} {tag}: numbers not in the story: {stray}")
            overlap = rouge_n(refs[0], refs[1], 2)
            row[f"{length} A~B"] = overlap
            if norm(refs[0]) == norm(refs[1]) or overlap > TOO_SIMILAR:
                err(f"{length}: references A and B are too alike (ROUGE-2 F1 {overlap:.2f})")

        facts = st["keyFacts"]
        if not isinstance(facts, list) or not all(isinstance(k, str) and k.strip() for k in facts):
            err("keyFacts: want a list of non-empty strings")
            continue
        if not FACTS_MIN <= len(facts) <= FACTS_MAX:
            err(f"{len(facts)} key facts, want {FACTS_MIN}-{FACTS_MAX}")
        if len({norm(k) for k in facts}) != len(facts):
            err("repeated key fact")
        where = []
        for k in facts:
            hits = [i for i, p in enumerate(paras, 1) if norm(k) in norm(p)]
            if not hits:
                err(f"key fact {k!r} is not verbatim in any paragraph")
            else:
                where.append(hits[0])
        late = sum(1 for i in where if i > LATE_AFTER)
        if late < FACTS_LATE:
            err(f"{late} key facts first found after paragraph {LATE_AFTER}, want >= {FACTS_LATE}")
        row["facts"] = (len(facts), late, sorted(where))

        sents = [s for p in paras for s in sentences(p)]
        if all(isinstance(st[k], list) and len(st[k]) == 2 for k in ("short", "medium")):
            for length, n in (("short", 3), ("medium", 5)):
                text = " ".join(sents[:n])
                lead.setdefault(length, []).append(score(text, st[length])
                                                   + [fact_recall(text, facts)])
        rows.append(row)


def main():
    errors, rows, lead = [], [], {}
    check(errors, rows, lead)
    if rows:
        print("words (sentences) per reference; A~B = ROUGE-2 F1 between the two references")
        w = max(len(r["file"]) for r in rows)
        print(f"{'story':<{w}}  {'short A':>7} {'short B':>7} {'A~B':>4}   "
              f"{'medium A':>8} {'medium B':>8} {'A~B':>4}   key facts (late; paragraphs)")
        def cell(r, k, width):
            return f"{'%d (%d)' % (r[k][1], r[k][0]) if k in r else '-':>{width}}"
        for r in rows:
            facts = r.get("facts")
            print(f"{r['file']:<{w}}  {cell(r, 'short A', 7)} {cell(r, 'short B', 7)} "
                  f"{r.get('short A~B', 0):>4.2f}   {cell(r, 'medium A', 8)} "
                  f"{cell(r, 'medium B', 8)} {r.get('medium A~B', 0):>4.2f}   "
                  + (f"{facts[0]} ({facts[1]} late; {facts[2]})" if facts else "-"))
    for length, name in (("short", "Lead-3"), ("medium", "Lead-5")):
        if lead.get(length):
            v = lead[length]
            m = [100 * sum(x[i] for x in v) / len(v) for i in range(4)]
            print(f"baseline {name} vs {length} references ({len(v)} stories): ROUGE-1 {m[0]:.1f}"
                  f"  ROUGE-2 {m[1]:.1f}  ROUGE-L {m[2]:.1f}  key-fact recall {m[3]:.1f}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
