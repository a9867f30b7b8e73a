"""Everything a rule may read, computed once per request and lazily.

A rule gets `(draft, ctx)`. The context holds the request, the normalized thread, the language,
the rule's own settings, the language data, and the shared analyses (new text, sentences,
questions, requests, lemmas). `ctx.finding(...)` turns a message id and values into a Finding.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import cached_property
from typing import Optional

from . import langdata, language, mail, text, thread
from .model import Address, CheckRequest, Draft
from .rules.meta import Finding, RuleMeta
from .settings import RuleConfig, Settings


class _SafeDict(dict):
    def __missing__(self, key):
        return "{" + key + "}"


class Context:
    def __init__(self, request: CheckRequest, settings: Settings):
        self.request = request
        self.draft: Draft = request.draft
        self.settings = settings
        self.meta: Optional[RuleMeta] = None
        self.config: Optional[RuleConfig] = None
        self.rule_errors: list[str] = []

    # --- the draft's body -------------------------------------------------------------------

    @cached_property
    def body_format(self) -> str:
        return self.draft.body_format or mail.sniff_format(self.draft.body)

    @cached_property
    def body(self) -> "mail.BodyParts":
        return mail.read_body(self.draft.body, self.body_format)

    @property
    def new_text(self) -> str:
        return self.body.new_text

    @property
    def signature(self) -> Optional[str]:
        return self.body.signature

    @cached_property
    def sent_at(self) -> datetime:
        return self.draft.sent_at or datetime.now(timezone.utc)

    # --- the thread --------------------------------------------------------------------------

    @cached_property
    def _thread(self) -> tuple[list, str]:
        tz = self.sent_at.tzinfo or timezone.utc
        messages, source = thread.build(
            self.request.thread, lambda: self.body.history, tz=tz, subject=self.draft.subject
        )
        for msg in messages:
            msg.ours = msg.from_ is not None and self.is_ours(msg.from_)
        return messages, source

    @property
    def thread(self) -> list:
        return self._thread[0]

    @property
    def thread_source(self) -> str:
        return self._thread[1]

    @cached_property
    def own_domains(self) -> frozenset:
        domains = {d.lower().lstrip("@") for d in self.settings.own_domains if d}
        if not domains and self.draft.from_ is not None:
            domains.add(self.draft.from_.domain)
        return frozenset(domains)

    def is_ours(self, address: Address) -> bool:
        if not address.address:
            return False
        if self.draft.from_ is not None and address.key == self.draft.from_.key:
            return True
        return address.domain in self.own_domains

    @cached_property
    def client_messages(self) -> list:
        return [m for m in self.thread if m.from_ is not None and not m.ours]

    @cached_property
    def open_client_messages(self) -> list:
        """Client messages after our last message (all of them if we never wrote)."""
        last_ours = max((i for i, m in enumerate(self.thread) if m.ours), default=-1)
        return [
            m
            for m in self.thread[last_ours + 1 :]
            if m.from_ is not None and not m.ours
        ]

    @property
    def latest_message(self):
        return self.thread[-1] if self.thread else None

    @property
    def latest_client_message(self):
        return self.client_messages[-1] if self.client_messages else None

    @cached_property
    def our_last_message(self):
        ours = [m for m in self.thread if m.ours]
        return ours[-1] if ours else None

    @cached_property
    def is_reply(self) -> bool:
        kind = (self.draft.compose_type or "").lower()
        if kind in ("new", "newmail", "new_mail"):
            return False
        if kind.startswith("reply"):
            return True
        return bool(self.thread) and not self.is_forward

    @cached_property
    def is_forward(self) -> bool:
        kind = (self.draft.compose_type or "").lower()
        if kind.startswith("forward"):
            return True
        if kind:
            return False
        from .subjects import is_forward_subject

        return is_forward_subject(self.draft.subject)

    # --- language ----------------------------------------------------------------------------

    @cached_property
    def _language(self) -> tuple[str, str]:
        context = [m.body for m in reversed(self.thread)][:3]
        code, source = language.detect(self.new_text, self.request.language, context)
        return code, source

    @property
    def lang(self) -> str:
        return self._language[0]

    @property
    def lang_source(self) -> str:
        return self._language[1]

    @cached_property
    def data(self) -> langdata.LanguageData:
        """Language data of the draft's language (English when that language has no data)."""
        code = self.lang if self.lang in langdata.available_languages() else "en"
        return langdata.language_data(code)

    @cached_property
    def ui_lang(self) -> str:
        code = self.request.ui_language or self.lang
        return code if code in langdata.available_languages() else "en"

    @cached_property
    def ui_data(self) -> langdata.LanguageData:
        return langdata.language_data(self.ui_lang)

    def phrases(self, topic: str, name: str) -> list[str]:
        return self.data.phrase_list(topic, name)

    def rule_phrases(self, name: str, rule_id: Optional[str] = None) -> list[str]:
        return self.data.rule_phrases(rule_id or self.meta.id, name)

    # --- shared analyses ---------------------------------------------------------------------

    @cached_property
    def sentences(self) -> list:
        return text.sentences(self.new_text)

    @cached_property
    def analysis(self):
        """Questions, requests and lemmas, computed once (see engine.text)."""
        return text.analyze(self)

    # --- the current rule --------------------------------------------------------------------

    @property
    def params(self) -> dict:
        return self.config.params if self.config else {}

    def message(self, message_id: str, **values) -> str:
        rule_text = self.ui_data.rules.get(self.meta.id)
        if rule_text is None or message_id not in rule_text.messages:
            rule_text = langdata.language_data("en").rules[self.meta.id]
        template = rule_text.messages[message_id]
        return template.format_map(_SafeDict({k: _show(v) for k, v in values.items()}))

    def principle(self) -> str:
        rule_text = self.ui_data.rules.get(self.meta.id) or langdata.language_data("en").rules[
            self.meta.id
        ]
        return rule_text.principle

    def finding(
        self,
        message_id: str,
        *,
        field: str = "body",
        span: Optional[tuple] = None,
        quote: Optional[str] = None,
        fix: Optional[dict] = None,
        **values,
    ) -> Finding:
        span_json = None
        if span is not None:
            start, end = span
            span_json = {"start": int(start), "end": int(end)}
            if quote is None:
                quote = self.new_text[start:end]
        if quote is not None and "quote" not in values:
            values["quote"] = quote
        return Finding(
            rule=self.meta.id,
            message_id=message_id,
            severity=self.config.severity if self.config else self.meta.severity,
            message=self.message(message_id, **values),
            principle=self.principle(),
            field=field,
            span=span_json,
            quote=quote,
            fix=fix,
            data=values,
        )


def _show(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)
