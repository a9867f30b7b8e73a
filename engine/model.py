"""Request models: the one place where input is validated.

Everything that reaches a rule has gone through these models, so a rule never sees a malformed
address or a missing field. A bad request raises `RequestError` whose message names the field
path (`draft.to[0]: not an email address`); nothing else escapes `engine.check`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parseaddr
from functools import lru_cache
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

MAX_RECIPIENTS = 500
MAX_THREAD = 200

_EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
_EMAIL_LOOSE_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


class RequestError(ValueError):
    """A request that cannot be checked; `field` is the dotted path, `message` the reason."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}" if field else message)

    @property
    def message(self) -> str:
        return str(self)


class Address(BaseModel):
    """A mailbox: display name (may be empty) and address (lower-cased for comparison)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = ""
    address: str

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_address(value)
        if isinstance(value, dict):
            value = dict(value)
            addr = value.get("address", value.get("email"))
            if isinstance(addr, str) and "<" in addr:
                parsed = parse_address(addr)
                value["address"] = parsed["address"]
                value.setdefault("name", parsed["name"])
            if value.get("name") is None:
                value["name"] = ""
            if "email" in value and "address" not in value:
                value["address"] = value.pop("email")
        return value

    @field_validator("address")
    @classmethod
    def _valid(cls, value: str) -> str:
        value = value.strip()
        if not _EMAIL_RE.match(value):
            raise ValueError("not an email address")
        return value

    @property
    def key(self) -> str:
        return self.address.lower()

    @property
    def domain(self) -> str:
        return self.key.rsplit("@", 1)[-1]

    def __str__(self) -> str:
        if not self.address:
            return self.name
        return f"{self.name} <{self.address}>" if self.name else self.address


def parse_address(text: str) -> dict:
    """Split `"Name <addr>"`, `addr`, or `"addr" <addr>` into name and address."""
    return dict(_parse_address(text))


@lru_cache(maxsize=8192)
def _parse_address(text: str) -> tuple:
    # The same few people appear in every message of a thread: parse each string once.
    text = text.strip()
    name, addr = parseaddr(text)
    if not addr or "@" not in addr:
        # parseaddr gives up on some valid display names (e.g. with unquoted commas); retry.
        m = re.match(r"^(.*?)<([^<>]+)>\s*$", text)
        if m:
            name, addr = m.group(1).strip().strip('"'), m.group(2).strip()
        else:
            addr = text
    return (("name", name.strip().strip('"').strip()), ("address", addr.strip()))


class Attachment(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(max_length=1000)
    size: Optional[int] = Field(default=None, ge=0)
    content_type: Optional[str] = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"name": value}
        return value


BodyFormat = Literal["html", "text"]


class Draft(BaseModel):
    """The message being written."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    subject: str = ""
    body: str = ""
    body_format: Optional[BodyFormat] = None
    from_: Optional[Address] = Field(default=None, alias="from")
    to: list[Address] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    cc: list[Address] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    bcc: list[Address] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    attachments: list[Attachment] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    compose_type: Optional[str] = Field(default=None, max_length=40)
    sent_at: Optional[datetime] = None

    @field_validator("to", "cc", "bcc", "attachments", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, (str, dict)):
            return [value]
        return value

    @field_validator("subject", "body", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("sent_at")
    @classmethod
    def _aware(cls, value: Optional[datetime]) -> Optional[datetime]:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    @property
    def recipients(self) -> list[Address]:
        return [*self.to, *self.cc, *self.bcc]


class ThreadMessageIn(BaseModel):
    """A structured earlier message of the thread, as the request gives it."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    from_: Optional[Address] = Field(default=None, alias="from")
    to: list[Address] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    cc: list[Address] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    subject: str = ""
    date: Optional[Union[datetime, str]] = None
    body: str = ""
    body_format: Optional[BodyFormat] = None
    attachments: list[Attachment] = Field(default_factory=list, max_length=MAX_RECIPIENTS)

    _listify = field_validator("to", "cc", "attachments", mode="before")(Draft._listify.__func__)
    _none_is_empty = field_validator("subject", "body", mode="before")(
        Draft._none_is_empty.__func__
    )


class RawMessageIn(BaseModel):
    """An earlier message as RFC 5322 source."""

    model_config = ConfigDict(extra="ignore")

    raw: str = Field(min_length=1)


class RuleSelection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    only: Optional[list[str]] = None
    disable: list[str] = Field(default_factory=list)

    @field_validator("disable", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


LanguageCode = Optional[str]


def _thread_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "RawMessageIn" if "raw" in value else "ThreadMessageIn"
    if isinstance(value, RawMessageIn):
        return "RawMessageIn"
    return "ThreadMessageIn"


ThreadItem = Annotated[
    Union[Annotated[RawMessageIn, Tag("RawMessageIn")],
          Annotated[ThreadMessageIn, Tag("ThreadMessageIn")]],
    Discriminator(_thread_kind),
]


class CheckRequest(BaseModel):
    """The check request of API.md."""

    model_config = ConfigDict(extra="ignore")

    draft: Draft
    thread: list[ThreadItem] = Field(default_factory=list, max_length=MAX_THREAD)
    language: LanguageCode = Field(default=None, max_length=10)
    ui_language: LanguageCode = Field(default=None, max_length=10)
    rules: RuleSelection = Field(default_factory=RuleSelection)

    @field_validator("thread", mode="before")
    @classmethod
    def _thread_items(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("rules", mode="before")
    @classmethod
    def _rules_none(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("language", "ui_language")
    @classmethod
    def _lang_code(cls, value: Optional[str]) -> Optional[str]:
        if value is None or value == "":
            return None
        code = value.strip().lower().replace("_", "-").split("-")[0]
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise ValueError("not a language code (ISO 639-1, e.g. 'ru')")
        return code


class AcknowledgementRequest(CheckRequest):
    """The acknowledgement request: a check request plus an optional `eta`."""

    eta: Optional[str] = Field(default=None, max_length=64)


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("RawMessageIn", "ThreadMessageIn") or (
            isinstance(part, str) and (part.startswith("function-") or part.startswith("union["))
        ):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _reason(err: dict) -> str:
    kind = err.get("type", "")
    msg = err.get("msg", "invalid")
    if kind == "missing":
        return "is required"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        return f"wrong type: {msg.lower()}"
    if kind == "extra_forbidden":
        return "unknown field"
    return msg[0].lower() + msg[1:] if msg else "invalid"


def _at(data: Any, loc: tuple) -> Any:
    for part in loc:
        if part in ("RawMessageIn", "ThreadMessageIn"):
            continue
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate(model: type[BaseModel], data: Any, root: str = ""):
    """Validate `data` with `model`, turning pydantic's errors into one `RequestError`."""
    if not isinstance(data, dict):
        raise RequestError(root or "request", "must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # The shortest path is usually the most telling (e.g. `draft` missing).
        first = errors[0]
        loc = tuple(first.get("loc", ()))
        if loc and loc[-1] == "address" and isinstance(_at(data, loc[:-1]), str):
            # "Name <addr>" given as a string: the string is the field, not its parsed part.
            loc = loc[:-1]
        path = _path(loc)
        if root:
            path = f"{root}.{path}" if path else root
        raise RequestError(path or "request", _reason(first)) from None
    except RecursionError:
        raise RequestError(root or "request", "nested too deeply") from None


def loose_email(text: str) -> bool:
    return bool(_EMAIL_LOOSE_RE.match(text.strip()))


# --- Response models: what check/acknowledge/rules return. The engine builds plain dicts; these
# models document them (the server's OpenAPI document is generated from them) and the test suite
# validates real responses against them, so the document cannot drift from the code.


class ResponseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(ResponseModel):
    start: int
    end: int


class Fix(ResponseModel):
    """One mechanical change: `set` a field, `add` recipients, `insert` or `replace` body text."""

    field: str
    set: Optional[str] = None
    add: Optional[list[str]] = None
    insert: Optional[str] = None
    at: Optional[Union[int, Literal["start", "end"]]] = None
    replace: Optional[dict[str, Union[int, str]]] = None


class FindingOut(ResponseModel):
    rule: str
    message_id: str
    severity: Literal["error", "warning", "info"]
    message: str
    principle: str
    field: str
    span: Optional[Span]
    quote: Optional[str]
    fix: Optional[Fix]


class DetectedLanguage(ResponseModel):
    code: str
    source: str


class QuestionOut(ResponseModel):
    text: str
    answered: bool


class Summary(ResponseModel):
    error: int
    warning: int
    info: int
    block_send: bool


class ThreadMessageOut(ResponseModel):
    model_config = ConfigDict(extra="allow")

    from_: Optional[str] = Field(default=None, alias="from")
    to: list[str]
    cc: list[str]
    subject: str
    date: Optional[str]
    body: str


class CheckResponse(ResponseModel):
    language: DetectedLanguage
    ui_language: str
    findings: list[FindingOut]
    questions: list[QuestionOut]
    summary: Summary
    new_text: str
    signature: Optional[str]
    thread: list[ThreadMessageOut]
    thread_source: Literal["request", "quoted", "none"]
    rule_errors: list[str]
    elapsed_ms: float


class AcknowledgementResponse(ResponseModel):
    language: str
    text: str
    html: str
    eta: str  # the promised moment, ISO 8601 with offset
    # "register" would shadow ABCMeta.register on the model class, hence the alias.
    register_: Literal["formal", "informal"] = Field(alias="register")


class RuleOut(ResponseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    description: str
    principle: str
    severity: Literal["error", "warning", "info"]
    enabled: bool
    languages: list[str]
    params: dict[str, Any]
    examples: Any


class RulePatch(ResponseModel):
    """`PATCH /api/v1/admin/rules/<id>`: any of the three; unknown keys are rejected."""

    enabled: Optional[bool] = None
    severity: Optional[Literal["error", "warning", "info"]] = None
    params: Optional[dict[str, Any]] = None


class AuditEntry(ResponseModel):
    id: int
    at: str
    rule: str
    who: str
    before: dict[str, Any]
    after: dict[str, Any]


class ErrorBody(ResponseModel):
    code: str
    message: str
    field: Optional[str] = None


class ErrorResponse(ResponseModel):
    error: ErrorBody
