"""core.js applies the server's body fixes to real HTML: the right place, the quoted history and
the rest of the document untouched. Real Chromium, real server; the host is a tiny in-page
adapter around a string."""

from __future__ import annotations

import pytest

from .addin.browser import launch

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

APPLY = """async ([body, rule]) => {
  const M = window.Mailtact;
  const state = { body, prepended: null };
  const adapter = {
    getBodyHtml: async () => state.body,
    setBodyHtml: async (html) => { state.body = html; },
    prependBody: async (html) => { state.prepended = html; state.body = html + state.body; },
  };
  const client = M.createClient({ baseUrl: location.origin });
  const response = await client.check({ draft: {
    subject: "Re: Signed copy", body, body_format: "html",
    from: "Olga Petrova <olga@lmt.example>", to: ["Anna Smith <anna@client.example>"] } });
  const finding = response.findings.find((f) => f.rule === rule && f.fix);
  if (!finding) return { missing: response.findings.map((f) => f.rule) };
  await M.applyFix(adapter, finding, response);
  return state;
}"""

QUOTE = (
    '<div id="divRplyFwdMsg"><hr><b>From:</b> Anna Smith &lt;anna@client.example&gt;<br>'
    "<b>Sent:</b> Friday, November 20, 2026 9:40 AM<br><b>To:</b> Olga Petrova "
    "&lt;olga@lmt.example&gt;<br><b>Subject:</b> Signed copy</div>"
    "<div><p>Hello Olga, when will the signed copy come?</p><p>Anna</p></div>"
)


@pytest.fixture(scope="module")
def page(live_server):
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(f"{live_server.url}/healthz")
        page.add_script_tag(url=f"{live_server.url}/addin/core.js")
        yield page
        browser.close()


def _apply(page, body, rule):
    result = page.evaluate(APPLY, [body, rule])
    assert "missing" not in result, result
    return result


def test_full_stop_goes_at_the_end_of_the_paragraph_across_block_boundaries(page):
    body = ("<p>Hello Anna,</p><p>Thank you for the report.</p><p>The signed copy comes on "
            "Friday</p><p>Best regards,<br>Olga</p>")
    result = _apply(page, body, "sloppy-writing")
    assert result["prepended"] is None, result
    assert "comes on Friday.</p>" in result["body"], result["body"]


def test_capital_letter_fix_changes_the_sentence_start_not_an_earlier_letter(page):
    body = ("<p>Hello Anna,</p><p>Thank you for the report. please send the signed copy by "
            "Friday.</p><p>Best regards,<br>Olga</p>")
    result = _apply(page, body, "sloppy-writing")
    assert "the report. Please send" in result["body"], result["body"]


def test_capital_letter_fix_at_the_very_start(page):
    body = ("<p>the report is attached, I checked page 2 again.</p>"
            "<p>Best regards,<br>Olga</p>")
    result = _apply(page, body, "sloppy-writing")
    assert result["body"].startswith("<p>The report is attached, I checked page 2"), result


QUOTE = (
    '<div id="divRplyFwdMsg"><hr><b>From:</b> Anna Smith &lt;anna@client.example&gt;<br>'
    "<b>Sent:</b> Friday, November 20, 2026 9:40 AM<br><b>To:</b> Olga Petrova "
    "&lt;olga@lmt.example&gt;<br><b>Subject:</b> Signed copy</div>"
    "<div><p>Hello Olga, when will the signed copy come?</p><p>Anna</p></div>"
)


def test_closing_at_the_end_stays_above_the_quoted_history(page):
    # Outlook on the web: the quoted message follows its header block, outside any container.
    body = ("<p>Hello Anna,</p><p>Thank you for your patience. The signed copy comes on "
            "Friday.</p>" + QUOTE + "\n")
    result = _apply(page, body, "missing-closing")
    mine, _, history = result["body"].partition('<div id="divRplyFwdMsg">')
    assert "regards" in mine, result["body"]
    assert history.endswith("<p>Anna</p></div>\n"), result["body"]


def test_closing_goes_on_its_own_line(page):
    body = ("<p>Hello Anna,</p><p>Thank you for the report. The signed copy comes on "
            "Friday.</p><p>Olga</p>")
    result = _apply(page, body, "missing-closing")
    assert "<br>Olga</p>" in result["body"], result["body"]


def test_numbered_questions_are_lines_in_html(page):
    body = ("<p>Hello Anna,</p><p>Thank you for the report. Could you send the signed copy by "
            "Friday? Should we also include the annex? And who signs for your side?</p>"
            "<p>Best regards,<br>Olga</p>")
    result = _apply(page, body, "questions-not-numbered")
    assert "<br>1. Could you send the signed copy by Friday?<br>2. Should we" in result["body"], \
        result["body"]
    assert "\n" not in result["body"]


def test_a_fix_keeps_the_documents_head_and_body_attributes(page):
    # Outlook hands over a whole document; its <style> also shapes the quoted history.
    body = ('<html><head><style>p {margin-top:0;margin-bottom:0;}</style></head>'
            '<body dir="ltr"><p>Hello Anna,</p><p>Thank you for the report. please send the '
            "signed copy by Friday.</p><p>Best regards,<br>Olga</p></body></html>")
    result = _apply(page, body, "sloppy-writing")
    assert "p {margin-top:0;margin-bottom:0;}" in result["body"], result["body"]
    assert '<body dir="ltr">' in result["body"], result["body"]
    assert "the report. Please send" in result["body"]
