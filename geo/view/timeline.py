"""The weekly timeline of the shown events."""

from __future__ import annotations

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
