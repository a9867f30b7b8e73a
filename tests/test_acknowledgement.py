"""The acknowledgement: ru/en/es x attachments x question counts x register x every eta form,
names in both orders, no display name, safe HTML, and it passes mailtact's own check."""

from __future__ import annotations

import itertools

import pytest

import engine
from engine.acknowledgement import readable_file_name

SENT = "2026-11-20T10:05:00+03:00"  # a Friday
QUESTIONS = {
    "ru": ["Когда будет готов счёт?", "Можно ли оплатить картой?", "Какой срок доставки?",
           "Нужна ли доверенность на получение?", "Есть ли скидка для постоянных клиентов?"],
    "en": ["When will the invoice be ready?", "Can we pay by card?", "What is the delivery time?",
           "Do we need a power of attorney?", "Is there a discount for regular clients?"],
    "es": ["¿Cuándo estará lista la factura?", "¿Se puede pagar con tarjeta?",
           "¿Cuál es el plazo de entrega?", "¿Hace falta un poder notarial?",
           "¿Hay descuento para clientes habituales?"],
}
OPENING = {
    ("ru", "formal"): "Добрый день! Пишу по поводу заказа.",
    ("ru", "informal"): "Привет! Пишу тебе по поводу заказа.",
    ("en", "formal"): "Good afternoon. I am writing about our order.",
    ("en", "informal"): "Hey! Writing about our order.",
    ("es", "formal"): "Buenos días. Le escribo por el pedido.",
    ("es", "informal"): "¡Hola! Te escribo por el pedido.",
}
CLIENT = {"ru": "Анна Иванова <anna@client.example>", "en": "Anna Smith <anna@client.example>",
          "es": "Lucía García <lucia@cliente.example>"}
FIRST = {"ru": "Анна", "en": "Anna", "es": "Lucía"}
SUBJECT = {"ru": "Заказ 1187", "en": "Order 1187", "es": "Pedido 1187"}
PLURALS = {
    ("ru", "formal"): {1: "ваш вопрос", 2: "ваши 2 вопроса", 5: "ваши 5 вопросов"},
    ("ru", "informal"): {1: "твой вопрос", 2: "твои 2 вопроса", 5: "твои 5 вопросов"},
    ("en", "formal"): {1: "your question", 2: "your 2 questions", 5: "your 5 questions"},
    ("en", "informal"): {1: "your question", 2: "your 2 questions", 5: "your 5 questions"},
    ("es", "formal"): {1: "su pregunta", 2: "sus 2 preguntas", 5: "sus 5 preguntas"},
    ("es", "informal"): {1: "tu pregunta", 2: "tus 2 preguntas", 5: "tus 5 preguntas"},
}
WHEN = {
    "ru": {"today": "сегодня до 18:00", "tomorrow": "завтра до 18:00",
           "2026-11-24T12:00:00+03:00": "во вторник до 12:00",
           "2026-12-04T12:00:00+03:00": "до 4 декабря, 12:00", None: "в понедельник до 18:00"},
    "en": {"today": "today by 6 pm", "tomorrow": "tomorrow by 6 pm",
           "2026-11-24T12:00:00+03:00": "on Tuesday by 12 pm",
           "2026-12-04T12:00:00+03:00": "by December 4, 12 pm", None: "on Monday by 6 pm"},
    "es": {"today": "hoy antes de las 18:00", "tomorrow": "mañana antes de las 18:00",
           "2026-11-24T12:00:00+03:00": "el martes antes de las 12:00",
           "2026-12-04T12:00:00+03:00": "antes del 4 de diciembre a las 12:00",
           None: "el lunes antes de las 18:00"},
}
ALLOWED = {"unanswered-question", "unreported-request"}


def _request(lang, register, n_questions, attachments, eta):
    body = " ".join([OPENING[(lang, register)], *QUESTIONS[lang][:n_questions]])
    request = {
        "draft": {"from": "Olga Petrova <olga@lmt.example>", "to": [CLIENT[lang]],
                  "subject": "Re: " + SUBJECT[lang], "body": "", "sent_at": SENT},
        "thread": [{"from": CLIENT[lang], "to": ["olga@lmt.example"], "subject": SUBJECT[lang],
                    "date": "2026-11-20T09:50:00+03:00", "body": body,
                    "attachments": [{"name": a} for a in attachments]}],
    }
    if eta is not None:
        request["eta"] = eta
    return request


CASES = list(itertools.product(
    ("ru", "en", "es"), ("formal", "informal"), (0, 1, 2, 5),
    ((), ("Dogovor_postavki_v2.pdf",), ("scan-passport.jpg", "price_list_2026.xlsx")),
    ("today", "tomorrow", "2026-11-24T12:00:00+03:00", "2026-12-04T12:00:00+03:00", None),
))


@pytest.mark.parametrize("lang,register,n,attachments,eta", CASES,
                         ids=["-".join(map(str, c[:3])) + f"-{len(c[3])}att-{c[4]}" for c in CASES])
def test_acknowledgement_matrix(lang, register, n, attachments, eta):
    request = _request(lang, register, n, attachments, eta)
    result = engine.acknowledge(request)
    text = result["text"]
    assert result["language"] == lang
    assert result["register"] == register
    assert FIRST[lang] in text.split("\n")[0]
    assert WHEN[lang][eta] in text
    assert text.rstrip().endswith("Olga Petrova")
    for name in attachments:
        assert readable_file_name(name) in text
    if n:
        assert PLURALS[(lang, register)][n] in text.lower()
    # it passes our own check, apart from what an acknowledgement defers by design
    check = {"draft": {**request["draft"], "body": text}, "thread": request["thread"]}
    findings = engine.check(check)["findings"]
    loud = [(f["rule"], f["quote"]) for f in findings
            if f["severity"] in ("error", "warning") and f["rule"] not in ALLOWED]
    assert loud == []


@pytest.mark.parametrize("display,expected", [
    ("Иванова Анна <anna@client.example>", "Анна"),
    ("Анна Иванова <anna@client.example>", "Анна"),
    ("Smith, John <john@client.example>", "John"),
])
def test_names_in_both_orders(display, expected):
    request = _request("ru", "formal", 1, (), "tomorrow")
    request["thread"][0]["from"] = display
    assert expected in engine.acknowledge(request)["text"].split("\n")[0]


def test_client_without_display_name_gets_no_guess():
    request = _request("en", "formal", 1, (), "tomorrow")
    request["thread"][0]["from"] = "a.smith@client.example"
    request["draft"]["to"] = ["a.smith@client.example"]
    first = engine.acknowledge(request)["text"].split("\n")[0]
    assert first in ("Hello,", "Good day,")


def test_html_is_escaped():
    request = _request("en", "formal", 1, ("<img src=x onerror=alert(1)>.pdf",), "tomorrow")
    request["thread"][0]["from"] = '"<b>Eve</b>" <eve@client.example>'
    result = engine.acknowledge(request)
    assert "<img" not in result["html"] and "&lt;img" in result["html"]
    assert "<b>" not in result["html"]
    assert result["html"].startswith("<p>")


@pytest.mark.parametrize("eta", ["2020-01-01T10:00:00+03:00", "yesterday", "2026-13-40",
                                 "2027-12-31T10:00:00+03:00"])
def test_bad_eta_names_the_field(eta):
    with pytest.raises(engine.RequestError) as err:
        engine.acknowledge(_request("ru", "formal", 1, (), eta))
    assert err.value.field == "eta"


def test_today_after_hours_is_refused():
    request = _request("ru", "formal", 1, (), "today")
    request["draft"]["sent_at"] = "2026-11-20T19:30:00+03:00"
    with pytest.raises(engine.RequestError) as err:
        engine.acknowledge(request)
    assert err.value.field == "eta"


def test_same_thread_same_wording():
    request = _request("es", "formal", 2, (), "tomorrow")
    assert engine.acknowledge(request) == engine.acknowledge(request)


def test_http_endpoint(client):
    response = client.post("/api/v1/acknowledgement",
                           json=_request("ru", "formal", 2, ("act.pdf",), "tomorrow"))
    assert response.status_code == 200
    body = response.get_json()
    assert body["language"] == "ru" and "Анна" in body["text"] and body["html"].startswith("<p>")
    bad = client.post("/api/v1/acknowledgement", json=_request("ru", "formal", 1, (), "never"))
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "eta"


@pytest.mark.parametrize("name,readable", [
    ("Dogovor_postavki_v2.pdf", "Dogovor postavki"),
    ("scan-passport.jpg", "Scan passport"),
    ("Акт сверки (1).xlsx", "Акт сверки"),
    ("contrato_final.pdf", "Contrato"),
    ("report.2026.11.pdf", "Report 2026 11"),
])
def test_readable_file_names(name, readable):
    assert readable_file_name(name) == readable


@pytest.mark.parametrize("lang,body,expected", [
    ("en", "Hello, when is the invoice due?\n\nBest regards,\nAnna Smith", "Anna"),
    ("ru", "Добрый день! Когда будет счёт?\n\nС уважением,\nАнна Иванова", "Анна"),
    ("ru", "Добрый день! Когда будет счёт?\nАнна", "Анна"),
    ("es", "Hola, ¿cuándo llega la factura?\n\nUn saludo,\nLucía", "Lucía"),
])
def test_name_from_the_signature_when_no_display_name(lang, body, expected):
    request = _request(lang, "formal", 1, (), "tomorrow")
    request["thread"][0]["from"] = "client@client.example"
    request["thread"][0]["body"] = body
    request["draft"]["to"] = ["client@client.example"]
    assert expected in engine.acknowledge(request)["text"].split("\n")[0]


@pytest.mark.parametrize("body", [
    "Hello, when is the invoice due?\n\nThanks",
    "Hello, when is the invoice due? Best regards, the purchasing team",
    "Добрый день! Когда будет счёт?\nСпасибо",
])
def test_no_name_guessed_from_a_plain_ending(body):
    request = _request("en", "formal", 1, (), "tomorrow")
    request["thread"][0]["from"] = "client@client.example"
    request["thread"][0]["body"] = body
    request["draft"]["to"] = ["client@client.example"]
    first = engine.acknowledge(request)["text"].split("\n")[0]
    assert first in ("Hello,", "Good day,", "Добрый день!", "Здравствуйте!")


@pytest.mark.parametrize("lang", ["ru", "en", "es"])
@pytest.mark.parametrize("register", ["formal", "informal"])
@pytest.mark.parametrize("n", [1, 2, 5, 21, 22, 25, 101, 111])
def test_question_count_is_said_whenever_it_is_not_one(lang, register, n):
    # CLDR's Russian "one" also covers 21, 31, 101: "ваш вопрос" there would lose the number.
    from engine import langdata
    from engine.acknowledgement import _plural, _template

    spec = langdata.language_data(lang).extra["acknowledgement"]
    text = _template(_plural(spec["locale"], n, spec[register]["questions"]), False).render(n=n)
    assert (str(n) in text) == (n != 1), text


@pytest.mark.parametrize("eta", [None, "tomorrow"])
def test_sent_at_at_the_end_of_the_calendar_is_a_400(client, eta):
    draft = {"subject": "Hi", "body": "Hello Anna, thanks.", "from": "Olga <olga@lmt.example>",
             "to": ["Anna <anna@client.example>"], "sent_at": "9999-12-31T23:00:00+00:00"}
    response = client.post("/api/v1/acknowledgement", json={"draft": draft, "eta": eta})
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["error"]["field"] == "draft.sent_at"


def test_a_date_alone_means_the_end_of_that_working_day():
    result = engine.acknowledge(_request("en", "formal", 1, (), "2026-11-24"))
    assert "on Tuesday by 6 pm" in result["text"]
    assert result["eta"].startswith("2026-11-24T18:00")


def test_spanish_one_o_clock_is_singular():
    text = engine.acknowledge(_request("es", "formal", 1, (), "2026-11-24T01:30:00+03:00"))["text"]
    assert "el martes antes de la 1:30" in text
    text = engine.acknowledge(_request("es", "formal", 1, (), "2026-11-24T13:30:00+03:00"))["text"]
    assert "el martes antes de las 13:30" in text
