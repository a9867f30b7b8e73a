"""Time and date mentions (engine.timeexpr): what counts as "a time or a date" for the rules
that ask for one (ack-without-eta, delay-without-new-date, unreported-request,
missing-call-to-action) and what must not (prices, phones, order numbers)."""

from __future__ import annotations

import pytest

from engine import timeexpr

TIMES = [
    ("en", "We will reply today by 5 pm.", "today"),
    ("en", "It will arrive on Tuesday, November 24, before noon.", "Tuesday"),
    ("en", "The report will be ready within two weeks.", "within two weeks"),
    ("en", "Expect it by the end of the month.", "by the end of the month"),
    ("en", "Call me at 14:30.", "14:30"),
    ("ru", "Ответим в течение дня.", "в течение дня"),
    ("ru", "Привезём через две недели.", "через две недели"),
    ("ru", "Пришлём до обеда.", "до обеда"),
    ("ru", "Отчёт будет 15 декабря.", "15 декабря"),
    ("es", "Le responderemos hoy antes de las 17:00.", "hoy"),
    ("es", "Llegará en dos semanas.", "en dos semanas"),
    ("es", "Se lo enviamos antes del mediodía.", "antes del mediodía"),
    ("es", "La formación será el 10 de diciembre.", "10 de diciembre"),
]

NOT_TIMES = [
    ("en", "Setting up 20 workstations costs $4,800."),
    ("en", "Call us at +1 415 555 0100 about order 4471."),
    ("ru", "Настройка стоит 380 000 ₽, заказ 5520."),
    ("es", "Cuesta 4.400 € y el pedido es el 3390."),
]


@pytest.mark.parametrize("lang,text,first", TIMES)
def test_time_found(lang, text, first):
    found = timeexpr.find(text, lang)
    assert found and found[0].text == first


@pytest.mark.parametrize("lang,text", NOT_TIMES)
def test_numbers_are_not_times(lang, text):
    assert timeexpr.find(text, lang) == []
