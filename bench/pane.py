"""Add-in speed in the real browser against the real server: prints figures, asserts nothing.

    python bench/pane.py [--n 100]

Starts `mailtact serve` (gunicorn) on a free port and Debian's Chromium with the fake Office.js
of the tests. Measures (1) the round-trip from a change in the draft (the body gets a new
sentence) to the findings rendered in the pane, triggered as the pane's change detector does,
without its 2 s polling period; (2) the Smart Alerts send-time check from the OnMessageSend
event to `event.completed`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.addin.browser import launch, outlook_page  # noqa: E402
from tests.conftest import RunningServer  # noqa: E402
from tests.test_addin_outlook import RU_REPLY  # noqa: E402


def _pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    server = RunningServer(Path(tempfile.mkdtemp(prefix="mailtact-pane-bench-")))
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = outlook_page(browser, RU_REPLY)
            page.goto(f"{server.url}/addin/taskpane.html")
            page.wait_for_function("window.MailtactPane && MailtactPane.state.renders > 0")
            page.evaluate("clearInterval(MailtactPane.state.timer)")  # we trigger checks here
            rounds = page.evaluate("""async (n) => {
              const s = MailtactPane.state, out = [];
              for (let i = 0; i < n; i++) {
                __fakeOutlook.body = `<p>Анна, добрый день! Правка ${i}.</p>` + __fakeOutlook.body;
                const t0 = performance.now(), before = s.renders;
                await s.check(false);
                if (s.renders === before) continue;
                out.push(performance.now() - t0);
              }
              return out;
            }""", args.n)
            page.context.close()
            print(f"pane: draft change -> findings rendered: p50 {statistics.median(rounds):.1f} ms, "
                  f"p95 {_pct(rounds, 0.95):.1f} ms over {len(rounds)} changes "
                  "(target p95 <= 150 ms; the pane looks for changes every 2 s)")

            page = outlook_page(browser, RU_REPLY)
            page.goto(f"{server.url}/addin/commands.html")
            page.wait_for_function("!!(window.__fakeOutlook && __fakeOutlook.associated.onMessageSendHandler)")
            sends = page.evaluate("""async (n) => {
              const out = [];
              for (let i = 0; i < n; i++) {
                const t0 = performance.now();
                const r = await __fakeOutlook.send();
                if (r.allowEvent !== false) throw new Error("expected a block");
                out.push(performance.now() - t0);
              }
              return out;
            }""", args.n)
            print(f"send-time check (OnMessageSend -> completed): p50 {statistics.median(sends):.1f} ms, "
                  f"p95 {_pct(sends, 0.95):.1f} ms over {len(sends)} sends (target p95 <= 300 ms)")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
