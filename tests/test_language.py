"""Language detection: hint > restricted, deterministic detection > thread > script."""

from __future__ import annotations

import pytest

from engine.language import detect


@pytest.mark.parametrize(
    "text, code",
    [
        ("Спасибо!", "ru"),
        ("Добрый день", "ru"),
        ("Gracias, Lucía", "es"),
        ("Hola", "es"),
        ("¡Perfecto!", "es"),
        ("Thanks!", "en"),
        ("Hi Anna, the invoice is attached.", "en"),
        ("Muchas gracias, hemos recibido el pago.", "es"),
        ("Buenos días, Pablo: le adjunto el presupuesto detallado.", "es"),
        ("Olga, добрый день! Счёт во вложении, PDF.", "ru"),
        ("Thank you, we have received the payment.", "en"),
    ],
)
def test_short_texts(text, code):
    assert detect(text)[0] == code


def test_hint_wins():
    assert detect("Спасибо!", hint="es") == ("es", "hint")


def test_thread_language_for_a_text_without_clues():
    assert detect("OK", context=["Hola, ¿nos envía la factura, por favor?"]) == ("es", "thread")
    assert detect("", context=["Добрый день!"]) == ("ru", "thread")


def test_script_source_for_cyrillic():
    assert detect("Спасибо, получили.") == ("ru", "script")


def test_deterministic():
    text = "Gracias por todo, Lucía. Saludos"
    assert len({detect(text) for _ in range(50)}) == 1


def test_empty_defaults_to_english():
    assert detect("") == ("en", "default")


@pytest.mark.parametrize("text,code", [
    # long texts decided by function words without the n-gram detector
    ("Thank you for your message. We will send the invoice today and the contract is attached, "
     "please confirm you are happy with the terms.", "en"),
    ("Gracias por su mensaje. Le enviamos la factura hoy y el contrato para que lo revise con "
     "calma; quedamos a la espera de su confirmación.", "es"),
    # Spanish names and places in an English text stay English
    ("Thank you, we will ship the order to El Corte Inglés in Madrid on Monday and send you "
     "the tracking number as soon as we have it.", "en"),
])
def test_long_texts(text, code):
    assert detect(text) == (code, "detected")
