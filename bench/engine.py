"""Engine speed: prints figures, asserts nothing.

    python bench/engine.py [--n 2000]

- warm `engine.check` on realistic requests (an Outlook-style HTML reply with quoted history plus
  a 3-message thread, in ru/en/es): median and p99;
- the naive design-card baseline on the same requests: BeautifulSoup(html.parser) over every
  body + langdetect on the draft text; the whole check should cost no more than this alone;
- import plus first check in a fresh interpreter;
- a 50-message, ~200 KB thread against a small request.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUOTE_HEADERS = {
    "ru": ("От", "Отправлено", "Кому", "Копия", "Тема", "17 ноября 2026 г. 10:02"),
    "en": ("From", "Sent", "To", "Cc", "Subject", "Tuesday, November 17, 2026 10:02 AM"),
    "es": ("De", "Enviado", "Para", "CC", "Asunto", "martes, 17 de noviembre de 2026 10:02"),
}

SAMPLES = {
    "ru": {
        "subject": "Счёт за март",
        "client": "Анна Иванова <anna@client.example>",
        "cc": "boris@client.example",
        "client_msgs": [
            "Добрый день! Подскажите, когда будет готов счёт за март? И можно ли оплатить картой?",
            "Ольга, добрый день! Ещё вопрос: входит ли доставка в стоимость? Пришлите, пожалуйста, акт сверки.",
        ],
        "ours": "Анна, добрый день! Уточняем у бухгалтерии, ответим сегодня до 15:00.",
        "reply": [
            "Здравствуйте, Анна!",
            "Спасибо за вопросы. Счёт за март готов, он во вложении.",
            "1. Оплатить картой можно: ссылка на оплату есть в счёте.",
            "2. Доставка входит в стоимость.",
            "Акт сверки отправили вчера на вашу почту.",
            "Если будут вопросы, звоните: +7 495 123-45-67.",
            "Всего доброго,",
        ],
    },
    "en": {
        "subject": "March invoice",
        "client": "Anna Smith <anna@client.example>",
        "cc": "boris@client.example",
        "client_msgs": [
            "Hello Olga, could you tell me when the March invoice will be ready? Can we pay by card?",
            "Hi again, one more question: is delivery included in the price? Please send the reconciliation statement.",
        ],
        "ours": "Hi Anna, we are checking with accounting and will reply today by 3 pm.",
        "reply": [
            "Hi Anna,",
            "Thank you for your questions. The March invoice is ready and attached.",
            "1. Yes, you can pay by card: the payment link is in the invoice.",
            "2. Delivery is included in the price.",
            "We sent the reconciliation statement to your mailbox yesterday.",
            "If anything is unclear, call me at +1 555 0100.",
            "Best regards,",
        ],
    },
    "es": {
        "subject": "Factura de marzo",
        "client": "Lucía García <lucia@client.example>",
        "cc": "boris@client.example",
        "client_msgs": [
            "Hola, Olga: ¿me podría decir cuándo estará lista la factura de marzo? ¿Podemos pagar con tarjeta?",
            "Hola de nuevo: ¿el envío está incluido en el precio? Envíenos, por favor, el acta de conciliación.",
        ],
        "ours": "Hola, Lucía: lo estamos verificando con contabilidad, le respondemos hoy antes de las 15:00.",
        "reply": [
            "Hola, Lucía:",
            "Gracias por sus preguntas. La factura de marzo está lista y va adjunta.",
            "1. Sí, puede pagar con tarjeta: el enlace de pago está en la factura.",
            "2. El envío está incluido en el precio.",
            "Le enviamos el acta de conciliación ayer a su correo.",
            "Si tiene dudas, llámeme al +34 600 000 000.",
            "Saludos cordiales,",
        ],
    },
}

OUR = "Olga Petrova <olga@lmt.example>"


def _outlook_quote(lang: str, sender: str, to: str, cc: str, subject: str, body: str) -> str:
    frm, sent, to_l, cc_l, subj, date = QUOTE_HEADERS[lang]
    esc = lambda s: s.replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    return (
        '<div id="divRplyFwdMsg" dir="ltr"><hr style="display:inline-block;width:98%" tabindex="-1">'
        f'<font face="Calibri, sans-serif" style="font-size:11pt"><b>{frm}:</b> {esc(sender)}<br>'
        f"<b>{sent}:</b> {date}<br><b>{to_l}:</b> {esc(to)}<br><b>{cc_l}:</b> {esc(cc)}<br>"
        f"<b>{subj}:</b> {subject}</font><div>&nbsp;</div></div>"
        f'<div dir="ltr"><div>{body}</div></div>'
    )


def realistic_request(lang: str) -> dict:
    s = SAMPLES[lang]
    reply_html = "".join(f"<p>{line}</p>" for line in s["reply"])
    signature = "<p>Olga Petrova<br>Account manager, LMT<br>+7 495 000-00-00</p>"
    quoted = _outlook_quote(lang, s["client"], OUR, s["cc"], s["subject"], s["client_msgs"][-1])
    body = f"<html><head><style>p{{margin:0}}</style></head><body>{reply_html}{signature}{quoted}</body></html>"
    thread = [
        {"from": s["client"], "to": [OUR], "cc": [s["cc"]], "subject": s["subject"],
         "date": "2026-11-20T09:10:00+03:00", "body": f"<div>{s['client_msgs'][0]}</div>",
         "body_format": "html"},
        {"from": OUR, "to": [s["client"]], "cc": [s["cc"]], "subject": "Re: " + s["subject"],
         "date": "2026-11-20T09:20:00+03:00", "body": s["ours"], "body_format": "text"},
        {"from": s["client"], "to": [OUR], "cc": [s["cc"]], "subject": "Re: " + s["subject"],
         "date": "2026-11-20T09:40:00+03:00",
         "body": f"<div>{s['client_msgs'][1]}</div>{_outlook_quote(lang, OUR, s['client'], s['cc'], s['subject'], s['ours'])}",
         "body_format": "html"},
    ]
    return {
        "draft": {"subject": "Re: " + s["subject"], "body": body, "body_format": "html",
                  "from": OUR, "to": [s["client"]], "cc": [s["cc"]],
                  "attachments": [{"name": "invoice.pdf", "size": 48211}],
                  "compose_type": "reply", "sent_at": "2026-11-20T10:05:00+03:00"},
        "thread": thread,
    }


def big_request() -> dict:
    """A 50-message thread of about 200 KB."""
    base = realistic_request("en")
    para = ("We reviewed the delivery schedule for the northern warehouse and the invoices for "
            "the previous quarter. ") * 5
    thread = []
    for i in range(50):
        client = i % 2 == 0
        thread.append({
            "from": SAMPLES["en"]["client"] if client else OUR,
            "to": [OUR] if client else [SAMPLES["en"]["client"]],
            "subject": "Re: March invoice",
            "date": f"2026-11-{(i // 10) + 10:02d}T{9 + i % 8:02d}:00:00+03:00",
            "body": f"<div>Message {i}.</div>" + "".join(f"<p>{para}</p>" for _ in range(7)),
            "body_format": "html",
        })
    base["thread"] = thread
    return base


def _percentile(values: list, q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _time(fn, n: int) -> list:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def naive_baseline(request: dict) -> None:
    from bs4 import BeautifulSoup
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    bodies = [request["draft"]["body"]] + [m.get("body", "") for m in request["thread"]]
    texts = [BeautifulSoup(b, "html.parser").get_text("\n") for b in bodies]
    detect(texts[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1500)
    args = parser.parse_args()

    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c",
         "import time,sys;t=time.perf_counter();sys.path.insert(0,'.');import engine;"
         "from bench.engine import realistic_request as r;engine.check(r('ru'));"
         "print((time.perf_counter()-t)*1000)"],
        capture_output=True, text=True, cwd=str(Path(__file__).resolve().parent.parent),
    )
    wall = (time.perf_counter() - t0) * 1000
    first = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:]
    print(f"import + first check (fresh interpreter): {first} ms in-process, {wall:.0f} ms wall "
          "incl. interpreter start")

    import engine

    requests = [realistic_request(lang) for lang in ("ru", "en", "es")]
    for req in requests:
        engine.check(req)  # warm

    per_lang = {}
    all_times = []
    for lang, req in zip(("ru", "en", "es"), requests):
        times = _time(lambda: engine.check(req), args.n // 3)
        per_lang[lang] = times
        all_times += times
    print(f"engine.check warm, realistic requests (n={len(all_times)}): "
          f"median {statistics.median(all_times):.2f} ms, p99 {_percentile(all_times, 0.99):.2f} ms")
    for lang, times in per_lang.items():
        print(f"  {lang}: median {statistics.median(times):.2f} ms, "
              f"p99 {_percentile(times, 0.99):.2f} ms")

    base = []
    for req in requests:
        naive_baseline(req)
        base += _time(lambda: naive_baseline(req), max(50, args.n // 6))
    print(f"naive baseline (bs4 html.parser on every body + langdetect on the draft): "
          f"median {statistics.median(base):.2f} ms, p99 {_percentile(base, 0.99):.2f} ms")
    print(f"  ratio check/baseline (median): "
          f"{statistics.median(all_times) / statistics.median(base):.2f}")

    big = big_request()
    size = sum(len(m["body"]) for m in big["thread"])
    engine.check(big)
    big_t = _time(lambda: engine.check(big), 30)
    small_med = statistics.median(per_lang["en"])
    print(f"50-message thread ({size / 1024:.0f} KB): median {statistics.median(big_t):.2f} ms "
          f"= {statistics.median(big_t) / small_med:.1f}x the small request")

    sample = engine.check(requests[0])
    rules = sorted({f["rule"] for f in sample["findings"]})
    print(f"rules active: {len(engine.rules())}; findings on the ru sample: {rules or 'none'}")


if __name__ == "__main__":
    main()
