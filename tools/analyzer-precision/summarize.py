#!/usr/bin/env python3
"""Joins reports/<project>.txt (from run.sh) with classification.tsv (by hand) into the markdown table of
docs/analyzers/README.md. Every report must be classified and every classification must match a report, or it fails.

    python3 tools/analyzer-precision/summarize.py
"""
import collections
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
projects = []
for line in open(os.path.join(here, "projects.tsv"), encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        fields = line.rstrip("\n").split("\t")
        projects.append((fields[0], fields[2]))

verdicts = {}
for line in open(os.path.join(here, "classification.tsv"), encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        project, location, rule, verdict, _reason = line.rstrip("\n").split("\t", 4)
        if verdict not in ("true", "false", "unclear"):
            sys.exit(f"bad verdict {verdict!r} for {project} {location}")
        verdicts[(project, location, rule)] = verdict

rules = ["MG1001", "MG1002", "MG1003", "MG1004", "MG1007"]
rows, totals, seen = [], collections.Counter(), set()
for project, commit in projects:
    path = os.path.join(here, "reports", project + ".txt")
    if not os.path.exists(path):
        sys.exit(f"no reports/{project}.txt: run run.sh first")
    per_rule, kinds = collections.Counter(), collections.Counter()
    for report in open(path, encoding="utf-8"):
        if not report.strip():
            continue
        location, rule = report.split(" ")[0:2]
        key = (project, location, rule)
        if key not in verdicts:
            sys.exit(f"unclassified report: {project} {location} {rule}")
        seen.add(key)
        per_rule[rule] += 1
        kinds[verdicts[key]] += 1
    totals.update(kinds)
    totals.update({"r:" + r: n for r, n in per_rule.items()})
    n = sum(kinds.values())
    precision = f"{kinds['true'] / n:.2f}" if n else "-"
    rows.append(f"| {project} | `{commit[:10]}` | " + " | ".join(str(per_rule[r]) for r in rules)
                + f" | {kinds['true']} | {kinds['false']} | {kinds['unclear']} | {precision} |")

stale = set(verdicts) - seen
if stale:
    sys.exit(f"classified but not reported: {sorted(stale)}")
n = totals["true"] + totals["false"] + totals["unclear"]
print("| project | commit | " + " | ".join(rules) + " | true | false | unclear | precision |")
print("|---|---|" + "---|" * len(rules) + "---|---|---|---|")
print("\n".join(rows))
print(f"| **all {len(projects)}** | | " + " | ".join(str(totals['r:' + r]) for r in rules)
      + f" | {totals['true']} | {totals['false']} | {totals['unclear']} | **{totals['true'] / n:.2f}** |" if n else "")
