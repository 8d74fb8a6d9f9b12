#!/usr/bin/env python3
"""Independent check of enrollment-question criteria in a matching result (decision 045).

Written from the contract's words, sharing no code with the engine, in the spirit of the reference
check_matching.py (which predates question criteria): for every pair match it recomputes each
question criterion's num/den and points, and checks that the match's score is the sum of the
built-in criteria's points and the questions' points.

    python3 check_question_criteria.py cohort.json result.json   # exit 0: valid; 1: the first error
"""
import json
import sys


def options(answer):
    """An answer as the set of options it names: a string is one; absent or [] is not answered."""
    if answer is None:
        return set()
    if isinstance(answer, str):
        return {answer}
    return set(answer)


def fraction(rule, a, b):
    both = len(a & b)
    if rule == "overlap":
        return both, len(a | b)
    answered = bool(a) and bool(b)
    same = answered and a == b
    if rule == "same":
        return (1 if same else 0), 1
    return (1 if answered and not same else 0), 1


def points(weight, ppu, num, den):
    if den == 0:
        return 0
    return (2 * weight * ppu * num + den) // (2 * den)


def check(cohort, result):
    program = cohort["program"]
    criteria = program.get("questionCriteria", [])
    ppu = program.get("scoring", {}).get("pointsPerWeightUnit", 100)
    people = {p["id"]: p for p in cohort["participants"]}
    checked = 0
    for k, match in enumerate(result["matches"]):
        if "criteria" not in match:
            continue
        got = match.get("questionCriteria", [])
        if len(got) != len(criteria):
            return f"matches[{k}]: {len(got)} question criteria, the program has {len(criteria)}"
        a, b = (people[i] for i in match["members"])
        total = sum(c["points"] for c in match["criteria"].values())
        for q, g in zip(criteria, got):
            num, den = fraction(q["rule"], options(a.get("answers", {}).get(q["id"])),
                                options(b.get("answers", {}).get(q["id"])))
            want = {"id": q["id"], "rule": q["rule"], "num": num, "den": den,
                    "points": points(q["weight"], ppu, num, den)}
            have = {key: g.get(key) for key in want}
            if have != want:
                return f"matches[{k}] question {q['id']}: {have} != {want}"
            total += want["points"]
            checked += 1
        if total != match["score"]:
            return f"matches[{k}]: score {match['score']} != sum of criteria {total}"
    print(f"ok: {checked} question criteria in {len(result['matches'])} matches")
    return None


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        cohort_doc = json.load(f)
    with open(sys.argv[2]) as f:
        result_doc = json.load(f)
    error = check(cohort_doc, result_doc)
    if error:
        print(error, file=sys.stderr)
        sys.exit(1)
