"""Pass rate per source of the peer corpora (../shared/corpora), with the failing cases.

    python bench/corpora_report.py [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpora_eval import available, report  # noqa: E402


def main() -> None:
    if not available():
        print("../shared/corpora not found next to this clone")
        return
    verbose = "-v" in sys.argv
    total_pass = total = 0
    for source, (passed, count, failures) in sorted(report().items()):
        total_pass += passed
        total += count
        print(f"{source:40} {passed:4}/{count:<4} {passed / count:6.1%}")
        if verbose:
            for case_id, problems in failures:
                print(f"    {case_id}: {'; '.join(problems)[:300]}")
    print(f"{'all':40} {total_pass:4}/{total:<4} {total_pass / total:6.1%}")


if __name__ == "__main__":
    main()
