"""One-click acknowledgement: "thanks, we got it, the full answer comes by ...".

`compose(ctx, eta)` writes, in the client's language and register, a short text that greets the
client by first name, thanks them for their documents (by a readable form of the file names) or
their message, says what we took on ("your 2 questions", CLDR plurals via Babel) and when the
full answer comes (`eta`: "today", "tomorrow", an ISO date-time, or by default the end of the next
working day), and closes with wishes and the sender's name. Templates are per-language data
(`data/<lang>/acknowledgement.yaml`, Jinja2) with variants picked deterministically per thread.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Optional

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from . import langdata, names, workhours
from .model import RequestError
from .subjects import strip_prefixes

SUPPORTED = ("ru", "en", "es")
_EXT_RE = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_SEPARATORS_RE = re.compile(r"[_+]+|(?<=\w)\.(?=\w)|\s*-\s*(?=\D)|\s+")
_VERSION_NOISE_RE = re.compile(r"(?i)\b(?:final|copy|копия|v\d+|ver\d+)\b|\(\d+\)")


def _capfirst(value: str) -> str:
    return value[:1].upper() + value[1:] if value else value


def _environment(autoescape: bool) -> Environment:
    env = Environment(autoescape=autoescape, undefined=StrictUndefined, keep_trailing_newline=False)
    env.filters["capfirst"] = lambda v: (Markup if isinstance(v, Markup) else str)(_capfirst(v))
    return env


_TEXT_ENV = _environment(False)
_HTML_ENV = _environment(True)


@lru_cache(maxsize=512)
def _template(source: str, html: bool):
    return (_HTML_ENV if html else _TEXT_ENV).from_string(source)


def readable_file_name(name: str) -> str:
    """'Dogovor_postavki-v2_final.pdf' -> 'Dogovor postavki'; keeps the words a person would say."""
    stem = _EXT_RE.sub("", name.strip().replace("\\", "/").rsplit("/", 1)[-1])
    words = _SEPARATORS_RE.sub(" ", stem)
    cleaned = _VERSION_NOISE_RE.sub(" ", words)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-") or re.sub(r"\s+", " ", words).strip()
    if cleaned.islower():
        cleaned = _capfirst(cleaned)  # "contrato_final.pdf" -> «Contrato»
    return cleaned or name


class _Picker:
    """Deterministic variant choice: the same thread gets the same wording every time."""

    def __init__(self, seed: str):
        self.seed = seed

    def __call__(self, options: list, part: str):
        digest = hashlib.sha256(f"{self.seed}|{part}".encode()).digest()
        return options[int.from_bytes(digest[:4], "big") % len(options)]


def _zone(ctx, hours: workhours.WorkingHours) -> tzinfo:
    """The team's zone when set, else the latest client message's offset, else the draft's."""
    if hours.zone is not None:
        return hours.zone
    latest = ctx.latest_client_message
    if latest is not None and latest.date is not None and latest.date.tzinfo is not None:
        return latest.date.tzinfo
    return ctx.sent_at.tzinfo


def _hours(ctx) -> workhours.WorkingHours:
    from .rules import registry

    params = None
    if "slow-reply" in registry.BY_ID:
        params = ctx.settings.for_rule(registry.BY_ID["slow-reply"].META).params
    return workhours.from_params(params)


def resolve_eta(eta: Optional[str], now: datetime, zone: tzinfo,
                hours: workhours.WorkingHours) -> datetime:
    """The promised moment, in `zone`; RequestError('eta', ...) when it cannot be kept."""
    local_now = now.astimezone(zone)
    today = local_now.date()
    if eta is None or not str(eta).strip():
        day = hours.next_working_day(today)
        return hours.end_of(day, zone)
    value = str(eta).strip().lower()
    if value == "today":
        moment = hours.end_of(today, zone)
        if moment <= local_now:
            raise RequestError("eta", "today's working day is over: promise 'tomorrow' or a time")
        return moment
    if value == "tomorrow":
        return hours.end_of(today + timedelta(days=1), zone)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(eta).strip()):
        # A date alone promises that day: by the end of its working hours, not by midnight.
        try:
            day = date.fromisoformat(str(eta).strip())
        except ValueError:
            raise RequestError("eta", "not a valid date") from None
        moment = hours.end_of(day, zone)
        if moment <= local_now:
            raise RequestError("eta", "is in the past")
        return moment
    try:
        moment = datetime.fromisoformat(str(eta).strip().replace("Z", "+00:00"))
    except ValueError:
        raise RequestError(
            "eta", "must be 'today', 'tomorrow' or an ISO date-time such as "
                   "2026-11-21T18:00:00+03:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    moment = moment.astimezone(zone)
    if moment <= local_now:
        raise RequestError("eta", "is in the past")
    if moment - local_now > timedelta(days=366):
        raise RequestError("eta", "is more than a year away")
    return moment


def _time_text(moment: datetime, spec: dict) -> str:
    fmt = spec.get("time_format", "HH:mm")
    if moment.minute and spec.get("time_format_minutes"):
        fmt = spec["time_format_minutes"]
    text = format_time(moment.time(), fmt, locale=spec["locale"])
    return text.lower() if spec.get("time_lowercase") else text


def when_text(moment: datetime, now: datetime, spec: dict) -> str:
    """'сегодня до 18:00', 'tomorrow by 6 pm', 'el viernes antes de las 12:00', ..."""
    local_now = now.astimezone(moment.tzinfo)
    days = (moment.date() - local_now.date()).days
    values = {"time": _time_text(moment, spec)}
    if days == 0:
        kind = "today"
    elif days == 1:
        kind = "tomorrow"
    elif days < 7:
        kind = "weekday"
        values["weekday"] = spec["weekdays"][moment.weekday()]
    else:
        kind = "date"
        values["date"] = format_date(moment.date(), spec["date_format"], locale=spec["locale"])
    # Some languages word one hour differently ("antes de la 1:00", not "las"): data may give
    # `when_hour_<h>` overrides.
    table = spec.get(f"when_hour_{moment.hour}", {}) or {}
    return _template(table.get(kind) or spec["when"][kind], False).render(**values)


def _register(ctx, spec: dict) -> str:
    """'informal' when the client wrote informally (ты, tú, vosotros), else 'formal'."""
    markers = spec.get("informal_markers") or []
    latest = ctx.latest_client_message
    if not markers or latest is None:
        return "formal"
    return "informal" if langdata.has_phrase(markers, latest.body) else "formal"


def _plural(lang: str, n: int, forms: dict) -> str:
    form = Locale.parse(lang).plural_form(n)
    return forms.get(form) or forms["other"]


def _language(ctx) -> str:
    if ctx.request.language in SUPPORTED:
        return ctx.request.language
    latest = ctx.latest_client_message
    if latest is not None and latest.body.strip():
        from . import language

        code, _source = language.detect(latest.body, None, [])
        if code in SUPPORTED:
            return code
    return ctx.lang if ctx.lang in SUPPORTED else "en"


def compose(ctx, eta: Optional[str]) -> dict:
    lang = _language(ctx)
    spec = langdata.language_data(lang).extra["acknowledgement"]
    hours = _hours(ctx)
    zone = _zone(ctx, hours)
    try:
        moment = resolve_eta(eta, ctx.sent_at, zone, hours)
    except OverflowError:  # "tomorrow" of 9999-12-31
        raise RequestError("draft.sent_at", "is too late in the calendar to promise an answer "
                                            "after it") from None
    latest = ctx.latest_client_message
    client = latest.from_ if latest is not None else (ctx.draft.to[0] if ctx.draft.to else None)
    name = names.first_name(client.name if client else None)
    if name is None and latest is not None:
        # No display name: the client may have signed the message ("Best regards,\nAnna").
        signed = latest.body + ("\n" + latest.signature if latest.signature else "")
        name = names.signed_name(signed, langdata.language_data(lang).phrase_list(
            "courtesy", "closings"))
    register = _register(ctx, spec)
    parts = spec[register]
    seed = "|".join([strip_prefixes(ctx.draft.subject or (latest.subject if latest else "")),
                     client.address if client else ""])
    pick = _Picker(seed)

    attachments = []
    for message in ctx.open_client_messages:
        attachments.extend(a for a in message.attachments if a)
    readable = list(dict.fromkeys(readable_file_name(a) for a in attachments))
    questions = len(ctx.analysis.questions)
    requests = len(ctx.analysis.requests)
    open_q, close_q = spec.get("quotes", ['"', '"'])

    def render(html: bool) -> str:
        esc = escape if html else str
        values: dict = {"n": questions}
        if name:
            values["name"] = esc(name)
        if readable:
            shown = [f"{open_q}{esc(r)}{close_q}" for r in readable[:4]]
            listed = format_list(shown, locale=spec["locale"])
            kind = "one" if len(readable) == 1 else "other"
            document = _template(spec["document"][kind], False).render(names=listed)
            values["documents"] = Markup(document) if html else document
            values["it_them"] = "it" if len(readable) == 1 else "them"
            values["lo_los"] = "lo" if len(readable) == 1 else "los"
        values["when"] = when_text(moment, ctx.sent_at, spec)
        if questions:
            phrase = _template(_plural(spec["locale"], questions, parts["questions"]), False)
            values["questions"] = phrase.render(n=questions)

        def part(key: str) -> str:
            return _template(pick(parts[key], key), html).render(**values)

        lines = [part("greeting" if name else "greeting_no_name"), ""]
        body = [part("thanks_documents" if readable else "thanks_message")]
        if questions:
            body.append(part("working_on_questions"))
        elif requests:
            body.append(part("working_on_request"))
        body.append(part("eta"))
        lines.append(" ".join(body))
        lines.append("")
        closing = part("closing")
        sender = ctx.draft.from_.name.strip() if ctx.draft.from_ and ctx.draft.from_.name else ""
        lines.append(closing + ("\n" + (esc(sender) if html else sender) if sender else ""))
        return "\n".join(str(line) for line in lines)

    text = render(False)
    html_text = render(True)
    paragraphs = [p for p in html_text.split("\n\n") if p.strip()]
    html = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return {
        "language": lang,
        "text": text,
        "html": html,
        "eta": moment.isoformat(),
        "register": register,
    }
