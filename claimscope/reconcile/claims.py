"""One incident's claims side by side: every figure with who claims it, the range, the conservative
consensus, contradictions, and how many independent sources stand behind each figure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from claimscope.model import ArticleResult

CREDIBLE = ("asserted", "disputed")  # denied and hedged claims are shown, not counted
CONTRADICTION_FACTOR = 2.0  # credible figures further apart than this are a contradiction


@dataclass
class ClaimRow:
    event_id: str
    article_id: str
    outlet: str | None
    kind: str
    low: int | None
    high: int | None
    vague: str | None
    estimate: int | None
    source: str | None  # the original source (the outlet itself when it cites nobody)
    source_kind: str
    chain: list[str]  # original first: ["Syrian Observatory for Human Rights", "Reuters", outlet]
    stance: str
    quote: str
    independent: str  # claims with the same key are one source: copies of one wire story, one original
    part: bool = False  # a part of a larger figure of the same report ("including five children")

    @property
    def value(self) -> int | None:
        """The figure as one number for comparison: its lower bound, else its upper bound, else the estimate."""
        return self.low if self.low is not None else self.high if self.high is not None else self.estimate

    @property
    def credible(self) -> bool:
        """Counted in the consensus: asserted or disputed, and a whole figure, not a part of one."""
        return self.stance in CREDIBLE and not self.part


@dataclass
class KindSummary:
    kind: str
    low: int | None  # the range of credible figures
    high: int | None
    consensus: int | None  # ACLED's rule: the lowest credible figure
    independent_sources: int
    contradiction: str | None


@dataclass
class IncidentClaims:
    incident_id: str
    rows: list[ClaimRow] = field(default_factory=list)
    kinds: dict[str, KindSummary] = field(default_factory=dict)

    @property
    def contradictions(self) -> list[str]:
        return [k.contradiction for k in self.kinds.values() if k.contradiction]


def claims_table(
    incident_id: str,
    event_ids: Iterable[str],
    results: Mapping[str, ArticleResult],
    duplicates: Mapping[str, str] | None = None,
) -> IncidentClaims:
    """The claims table of one incident from the stored results of its articles.

    ``duplicates`` maps an article to the earlier article it copies (near-duplicate wire copies).
    """
    wanted = set(event_ids)
    duplicates = duplicates or {}
    table = IncidentClaims(incident_id)
    for result in results.values():
        a = result.article
        for e in result.events:
            if e.id not in wanted:
                continue
            chain = [s.name or a.outlet or "?" for s in e.claimed_by]
            first = e.claimed_by[0] if e.claimed_by else None
            own = first is None or first.kind == "outlet"
            original_article = duplicates.get(a.id, a.id)
            for c in e.counts:
                # An outlet's own figure stands on its article (a wire copy stands on the wire's original);
                # a cited figure stands on the source it cites, however many outlets carry it.
                key = f"article:{original_article}" if own else f"source:{(first.name or '').lower()}"
                table.rows.append(ClaimRow(
                    event_id=e.id, article_id=a.id, outlet=a.outlet, kind=c.kind, low=c.low, high=c.high,
                    vague=c.vague, estimate=c.estimate, source=(a.outlet if own else first.name),
                    source_kind="outlet" if own else first.kind,
                    chain=chain + ([a.outlet] if a.outlet and (not chain or chain[-1] != a.outlet) else []),
                    stance=e.stance, quote=c.text, independent=key,
                ))
    table.rows.sort(key=lambda r: (r.kind, r.value if r.value is not None else -1, r.article_id, r.event_id))
    _mark_parts(table.rows)
    for kind in sorted({r.kind for r in table.rows}):
        table.kinds[kind] = _summary(kind, [r for r in table.rows if r.kind == kind])
    return table


def _mark_parts(rows: list[ClaimRow]) -> None:
    """In one report (event), a smaller figure of the same kind is a part of the largest ("22 killed,
    including five children"): shown, but the incident's consensus compares whole figures."""
    largest: dict[tuple[str, str], int] = {}
    for r in rows:
        if r.value is not None:
            key = (r.event_id, r.kind)
            largest[key] = max(largest.get(key, r.value), r.value)
    for r in rows:
        if r.value is not None and r.value < largest[(r.event_id, r.kind)]:
            r.part = True


def _summary(kind: str, rows: list[ClaimRow]) -> KindSummary:
    credible = [r for r in rows if r.credible and r.value is not None]
    values = [r.value for r in credible if r.value is not None]
    highs = [r.high if r.high is not None else r.value for r in credible]
    contradiction = None
    if values and min(values) > 0 and max(values) / min(values) > CONTRADICTION_FACTOR:
        contradiction = f"{kind}: credible figures range from {min(values)} to {max(values)}"
    denied = [r for r in rows if r.stance == "denied"]
    asserted = {r.independent for r in rows if r.stance == "asserted"} - {r.independent for r in denied}
    if asserted and denied:  # one source asserts what another denies
        who = ", ".join(sorted({r.source or "?" for r in denied}))
        contradiction = (contradiction + "; " if contradiction else "") + f"{kind}: denied by {who}"
    return KindSummary(
        kind=kind,
        low=min(values) if values else None,
        high=max(h for h in highs if h is not None) if credible else None,
        consensus=min(values) if values else None,
        independent_sources=len({r.independent for r in credible}),
        contradiction=contradiction,
    )
