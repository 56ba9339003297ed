"""Two readings every stage needs the same way: a day from "YYYY-MM-DD", and the distance between points."""

from __future__ import annotations

import math
from datetime import date


def parse_day(value: str | None) -> date | None:
    """The day a "YYYY-MM-DD" string names; None when it is missing or no real day ("0000-00-00")."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
