"""Working hours: when the team answers. Shared by `slow-reply` (hours that count) and the
acknowledgement (default promise: end of the next working day).

Settings live in the `slow-reply` rule's params (`work_start`, `work_end`, `work_days`,
`timezone`), so the admin sets them in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Defaults, also the schema of the params (types matter to the settings validator).
DEFAULTS = {
    "work_start": "09:00",
    "work_end": "18:00",
    "work_days": [1, 2, 3, 4, 5],  # ISO weekdays: Monday = 1
    "timezone": "",  # empty: the zone of the thread / the draft
}


@dataclass(frozen=True)
class WorkingHours:
    start: time
    end: time
    days: frozenset
    zone: Optional[tzinfo]

    def is_working_day(self, day) -> bool:
        return day.isoweekday() in self.days

    def next_working_day(self, day):
        """The first working day strictly after `day`."""
        for step in range(1, 15):
            candidate = day + timedelta(days=step)
            if self.is_working_day(candidate):
                return candidate
        return day + timedelta(days=1)

    def end_of(self, day, zone: tzinfo) -> datetime:
        return datetime.combine(day, self.end, tzinfo=zone)

    def working_seconds(self, start: datetime, end: datetime) -> float:
        """Seconds of working time between two instants (in the team's zone)."""
        if end <= start:
            return 0.0
        zone = self.zone or start.tzinfo
        a, b = start.astimezone(zone), end.astimezone(zone)
        total = 0.0
        day = a.date()
        while day <= b.date():
            if self.is_working_day(day):
                open_ = datetime.combine(day, self.start, tzinfo=zone)
                close = datetime.combine(day, self.end, tzinfo=zone)
                lo, hi = max(open_, a), min(close, b)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += timedelta(days=1)
            if (day - a.date()).days > 62:  # a thread two months old is late whatever we count
                total += 1e9
                break
        return total


def _clock(value: str, default: str) -> time:
    try:
        hours, minutes = str(value or default).split(":", 1)
        return time(int(hours), int(minutes))
    except ValueError:
        hours, minutes = default.split(":")
        return time(int(hours), int(minutes))


def from_params(params: Optional[dict]) -> WorkingHours:
    params = {**DEFAULTS, **(params or {})}
    zone = None
    if params.get("timezone"):
        try:
            zone = ZoneInfo(params["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
    days = frozenset(int(d) for d in params.get("work_days") or DEFAULTS["work_days"]
                     if str(d).isdigit() and 1 <= int(d) <= 7)
    return WorkingHours(
        start=_clock(params.get("work_start"), DEFAULTS["work_start"]),
        end=_clock(params.get("work_end"), DEFAULTS["work_end"]),
        days=days or frozenset(DEFAULTS["work_days"]),
        zone=zone,
    )
