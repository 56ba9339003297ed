"""Each outlet's and cited source's track record against the consensus of the incidents it reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from claimscope.reconcile.claims import IncidentClaims


@dataclass
class Record:
    name: str
    role: str  # "outlet" or "source"
    figures: int = 0
    above: int = 0  # credible figures above the incident's consensus
    at: int = 0
    below: int = 0  # only possible for claims that are not counted (denied, hedged)
    only_source: int = 0  # figures nobody else gives for that incident
    denials: int = 0  # denials of what another source asserts


def track_record(tables: Iterable[IncidentClaims]) -> list[Record]:
    records: dict[tuple[str, str], Record] = {}

    def rec(name: str | None, role: str) -> Record:
        key = (name or "?", role)
        if key not in records:
            records[key] = Record(*key)
        return records[key]

    for table in tables:
        by_kind = defaultdict(list)
        for row in table.rows:
            by_kind[row.kind].append(row)
        for kind, rows in by_kind.items():
            consensus = table.kinds[kind].consensus
            independent = {r.independent for r in rows}
            asserted = {r.independent for r in rows if r.stance == "asserted"}
            for row in rows:
                # a figure the outlet gives on its own counts for the outlet once, not also as a "source"
                holders = [rec(row.outlet, "outlet")] + ([rec(row.source, "source")] if row.source != row.outlet else [])
                for r in holders:
                    r.figures += 1
                    if consensus is not None and row.value is not None:
                        if row.value > consensus:
                            r.above += 1
                        elif row.value < consensus:
                            r.below += 1
                        else:
                            r.at += 1
                    if len(independent) == 1:
                        r.only_source += 1
                    if row.stance == "denied" and asserted - {row.independent}:
                        r.denials += 1
    return sorted(records.values(), key=lambda r: (-r.figures, r.role, r.name))
