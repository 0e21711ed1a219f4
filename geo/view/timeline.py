"""The weekly timeline of the shown events."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from geo.io.schema import as_int
from geo.view.filters import event_dates

# --- timeline ------------------------------------------------------------------------------


def weekly_timeline(events: pd.DataFrame, measure: str = "events") -> pd.DataFrame:
    """Events (or persons) per week by primary country: columns week, country, value.

    An event counts in the week its period starts (Monday-based weeks).
    """
    columns = ["week", "country", "value"]
    if not len(events):
        return pd.DataFrame(columns=columns)
    starts, _ = event_dates(events)
    frame = pd.DataFrame({
        "week": starts.dt.to_period("W-SUN").dt.start_time,
        "country": events["country"].fillna("?").to_numpy(),
        "value": 1 if measure == "events" else events["persons"].map(as_int).fillna(0).astype(int),
    }).dropna(subset=["week"])
    grouped = frame.groupby(["week", "country"], as_index=False)["value"].sum()
    return grouped[columns].sort_values(["week", "country"]).reset_index(drop=True)


# --- choosing and playing a window of dates ------------------------------------------------


def month_end(day: date) -> date:
    """The last day of the month of `day`."""
    first_next = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def presets(lo: date | None, hi: date | None) -> dict[str, tuple[date, date]]:
    """Named windows over the events' span: the whole span, each year, quarter and month it
    touches (label → (first day, last day)), in that order."""
    if lo is None or hi is None:
        return {}
    out: dict[str, tuple[date, date]] = {"All dates": (lo, hi)}
    out.update({str(y): (date(y, 1, 1), date(y, 12, 31)) for y in range(lo.year, hi.year + 1)})
    quarter = date(lo.year, (lo.month - 1) // 3 * 3 + 1, 1)
    while quarter <= hi:
        out[f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"] = (quarter, month_end(add_months(quarter, 2)))
        quarter = add_months(quarter, 3)
    month = date(lo.year, lo.month, 1)
    while month <= hi:
        out[month.strftime("%Y-%m (%B)")] = (month, month_end(month))
        month = add_months(month, 1)
    return out


def preset_of(window: tuple[date, date] | None, named: dict[str, tuple[date, date]]) -> str | None:
    """The label of the named window equal to `window`, or None."""
    return next((label for label, span in named.items() if tuple(span) == tuple(window or ())), None)


def step_window(window: tuple[date, date], lo: date, hi: date) -> tuple[date, date]:
    """The window moved on by its own length, as a player's next frame: whole months move by
    months; past the span's end it starts again at the beginning (a loop)."""
    start, end = window
    months = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
    if start.day == 1 and end == month_end(end):
        nxt = (add_months(start, months), month_end(add_months(start, 2 * months - 1)))
    else:
        length = (end - start).days + 1
        nxt = (start + timedelta(days=length), end + timedelta(days=length))
    if nxt[0] > hi:  # loop: the same length again from the first event's month (or day)
        if start.day == 1 and end == month_end(end):
            first = date(lo.year, lo.month, 1)
            return first, month_end(add_months(first, months - 1))
        return lo, lo + (end - start)
    return nxt


def play_window(window: tuple[date, date] | None, lo: date, hi: date) -> tuple[date, date]:
    """The window a player starts from: the chosen one, or the first month when the whole
    span is chosen (playing everything would show nothing move)."""
    if window is None or (window[0] <= lo and window[1] >= hi):
        first = date(lo.year, lo.month, 1)
        return first, month_end(first)
    return window
