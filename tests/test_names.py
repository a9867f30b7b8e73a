"""First names from display names, in both orders, with titles, and none from bare addresses."""

import pytest

from engine.names import first_name


@pytest.mark.parametrize(
    "display,expected",
    [
        ("Ирина Новикова", "Ирина"),  # ends like a surname, is a name
        ("Иванова Анна", "Анна"),
        ("Кузнецов Борис", "Борис"),
        ("Анна Сергеевна Иванова", "Анна"),
        ("Новикова Марина Петровна", "Марина"),
        ("Олег", "Олег"),
        ("Anna Ivanova", "Anna"),
        ("Ivanova, Anna", "Anna"),
        ("Dr. Anna Ivanova", "Anna"),
        ("García López, Lucía", "Lucía"),
        ("Sra. Lucía García", "Lucía"),
        ('"John Smith"', "John"),
        ("A. Smith", None),
        ("anna@client.example", None),
        ("", None),
        (None, None),
    ],
)
def test_first_name(display, expected):
    assert first_name(display) == expected
