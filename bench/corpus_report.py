"""Per rule and language: fired/expected on the noisy corpus, false alarms on the clean corpus.

    python bench/corpus_report.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus_eval import load, report  # noqa: E402


def main() -> None:
    stats = report()
    langs = sorted(stats)
    print("clean replies per language: " + ", ".join(f"{l} {len(load('clean', l))}" for l in langs))
    header = f"{'rule':28}" + "".join(f"{l + ' fired/exp':>16}{l + ' false':>9}" for l in langs)
    print(header)
    rules = list(next(iter(stats.values())))
    totals = {l: [0, 0, 0] for l in langs}
    for rule in rules:
        row = f"{rule:28}"
        for l in langs:
            s = stats[l][rule]
            totals[l][0] += s["fired"]
            totals[l][1] += s["expected"]
            totals[l][2] += s["false_alarms"]
            row += f"{str(s['fired']) + '/' + str(s['expected']):>16}{s['false_alarms']:>9}"
        print(row)
    row = f"{'TOTAL':28}"
    for l in langs:
        fired, exp, false = totals[l]
        row += f"{str(fired) + '/' + str(exp):>16}{false:>9}"
    print(row)


if __name__ == "__main__":
    main()
