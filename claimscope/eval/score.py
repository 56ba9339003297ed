"""Matching predicted figures to gold ones and scoring every field of the matched pairs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimscope.eval.gold import GoldArticle, load_gold
from claimscope.model import ArticleResult
from claimscope.values import distance_km

if TYPE_CHECKING:
    from claimscope.pipeline import Extractor

PLACE_KM = 50.0


@dataclass
class Predicted:
    """One figure as the pipeline reported it, flattened with its event's context."""

    kind: str
    low: int | None
    high: int | None
    vague: str | None
    text: str
    span: tuple[int, int] | None
    source: dict[str, Any]
    location: dict[str, Any] | None
    date: dict[str, Any]
    event_type: str | None
    stance: str


@dataclass
class Tally:
    """One field: ``right`` of the ``total`` matched figures that carry it; ``gold`` figures carry it in all.

    ``value`` (accuracy on matched figures) says how good the field is when the figure is found;
    ``end_to_end`` (right / gold) also counts the figures never found, so it cannot rise by matching less.
    """

    right: int = 0
    total: int = 0
    gold: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    @property
    def end_to_end(self) -> float | None:
        return self.right / self.gold if self.gold else None


@dataclass
class Report:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {
        k: Tally() for k in ("attribution", "place_50km", "event_type", "date", "stance")})
    misses: list[str] = field(default_factory=list)
    articles: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def scores(self) -> dict[str, float | None]:
        """The numbers the quality gate pins: figure F1 and each field's accuracy."""
        return {"figures_f1": round(self.f1, 3), **{k: None if t.end_to_end is None else round(t.end_to_end, 3)
                                                  for k, t in self.fields.items()}}

    def summary(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "figures": {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                        "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn},
            **{k: {"accuracy": None if t.value is None else round(t.value, 3), "n": t.total,
                   "end_to_end": None if t.end_to_end is None else round(t.end_to_end, 3), "gold": t.gold}
               for k, t in self.fields.items()},
        }

    def render(self, verbose: bool = False) -> str:
        lines = [f"articles: {self.articles}",
                 f"{'field':<14}{'precision':>10}{'recall':>10}{'f1':>8}{'n':>6}{'end-to-end':>12}",
                 f"{'figures':<14}{self.precision:>10.3f}{self.recall:>10.3f}{self.f1:>8.3f}{self.tp + self.fn:>6}"]
        for name, t in self.fields.items():
            v = "-" if t.value is None else f"{t.value:.3f}"
            e2e = "-" if t.end_to_end is None else f"{t.end_to_end:.3f}"
            lines.append(f"{name:<14}{'accuracy':>10}{v:>10}{'':>8}{t.total:>6}{e2e:>12}")
        if verbose:
            lines.append("")
            lines.extend(self.misses)
        return "\n".join(lines)


def evaluate_file(
    path: str | Path | Sequence[str | Path], split: str | None = None, extractor: Extractor | None = None
) -> Report:
    """Score the pipeline on one gold file or several (read as one set)."""
    from claimscope.pipeline import Extractor

    paths = [path] if isinstance(path, str | Path) else list(path)
    gold = [g for p in paths for g in load_gold(p, split)]
    results = list((extractor or Extractor()).extract([g.article for g in gold]))
    return score(gold, results)


def flatten(result: ArticleResult) -> list[Predicted]:
    out, seen = [], set()
    for ev in result.events:
        src = ev.claimed_by[0]
        loc = ev.location
        for c in ev.counts:
            key = (c.kind, c.low, c.high, c.vague, src.name)
            if key in seen:  # a figure restated (headline and body) is one claim
                continue
            seen.add(key)
            out.append(Predicted(
                c.kind, c.low, c.high, c.vague, c.text, c.span, {"name": src.name, "kind": src.kind},
                {"lat": loc.lat, "lon": loc.lon, "name": loc.name} if loc else None,
                {"start": ev.date.start, "end": ev.date.end}, ev.event_type, ev.stance,
            ))
    return out


def source_aliases() -> dict[str, str]:
    """Every name and alias in ``sources.yml``, normalised, to its canonical name: "FNA" is Fars News Agency."""
    from claimscope.nlp.resources import load_sources

    out: dict[str, str] = {}
    for entry in load_sources():
        for name in [entry["name"], *entry.get("aliases", []), *entry.get("aliases_cased", [])]:
            out.setdefault(norm(name), entry["name"])
    return out


def score(gold: list[GoldArticle], results: list[ArticleResult], aliases: dict[str, str] | None = None) -> Report:
    aliases = source_aliases() if aliases is None else aliases
    report = Report(articles=len(gold))
    for g, result in zip(gold, results, strict=True):
        preds = flatten(result)
        used: set[int] = set()
        for gf in g.figures:
            _count_gold(report, gf)
            j = _match(gf, preds, used, g.article.text)
            if j is None:
                report.fn += 1
                report.misses.append(f"MISS  {g.article.id}: {gf['kind']} {_fig(gf)} «{gf['quote']}»")
                continue
            used.add(j)
            report.tp += 1
            p = preds[j]
            _field(report, "attribution", same_source(gf.get("claimed_by") or {}, p.source, aliases), g, gf,
                   f"{p.source} vs {gf.get('claimed_by')}")
            gl = gf.get("location")
            if gl and gl.get("lat") is not None:
                ok = bool(p.location and p.location["lat"] is not None
                          and km(gl["lat"], gl["lon"], p.location["lat"], p.location["lon"]) <= PLACE_KM)
                _field(report, "place_50km", ok, g, gf, f"{p.location and p.location['name']} vs {gl.get('name')}")
            if gf.get("event_type"):
                _field(report, "event_type", p.event_type == gf["event_type"], g, gf, f"{p.event_type} vs {gf['event_type']}")
            gd = gf.get("date")
            if gd and gd.get("start"):
                _field(report, "date", p.date.get("start") == gd["start"], g, gf, f"{p.date} vs {gd}")
            if gf.get("stance"):
                _field(report, "stance", p.stance == gf["stance"], g, gf, f"{p.stance} vs {gf['stance']}")
        for j, p in enumerate(preds):
            if j not in used:
                report.fp += 1
                report.misses.append(f"FALSE {g.article.id}: {p.kind} {_fig(p.__dict__)} «{p.text}»")
    return report


def _count_gold(report: Report, gf: dict[str, Any]) -> None:
    gl, gd = gf.get("location") or {}, gf.get("date") or {}
    present = {"attribution": True, "stance": bool(gf.get("stance")), "event_type": bool(gf.get("event_type")),
               "place_50km": gl.get("lat") is not None, "date": bool(gd.get("start"))}
    for name, has in present.items():
        report.fields[name].gold += int(has)


def _field(report: Report, name: str, ok: bool, g: GoldArticle, gf: dict[str, Any], detail: str) -> None:
    report.fields[name].add(ok)
    if not ok:
        report.misses.append(f"{name.upper():<6}{g.article.id}: «{gf['quote']}» {detail}")


def _fig(f: dict[str, Any]) -> str:
    return str(f.get("vague") or f"{f.get('low')}..{f.get('high')}")


def _match(gf: dict[str, Any], preds: list[Predicted], used: set[int], text: str) -> int | None:
    """The unused prediction with the gold figure's kind and amount, nearest to the gold quote."""
    pos = text.find(gf["quote"])
    candidates = [
        j for j, p in enumerate(preds)
        if j not in used and p.kind == gf["kind"] and _same_amount(gf, p)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda j: abs((preds[j].span or (0, 0))[0] - pos))


def _same_amount(gf: dict[str, Any], p: Predicted) -> bool:
    if gf.get("vague") or p.vague:
        return _vague_word(gf.get("vague")) == _vague_word(p.vague)
    return gf.get("low") == p.low and gf.get("high") == p.high


def _vague_word(word: str | None) -> str:
    """"a large number of" and "a large number" are one amount: the gold writes either."""
    return re.sub(r"\s+of$", "", (word or "").lower().strip())


_NORM = re.compile(r"^(?:the|a|an)\s+|[^a-z0-9 ]", re.I)


def norm(name: str | None) -> str:
    return " ".join(_NORM.sub(" ", (name or "").lower()).split())


def same_source(gold: dict[str, Any], pred: dict[str, Any], aliases: dict[str, str] | None = None) -> bool:
    if gold.get("kind") == "outlet" or not gold.get("name"):
        return pred.get("kind") == "outlet"
    if pred.get("kind") == "outlet":
        return False
    a, b = norm(gold["name"]), norm(pred.get("name"))
    pairs = [(a, b)]
    if aliases:
        pairs.append((norm(aliases.get(a, a)), norm(aliases.get(b, b))))
    from rapidfuzz import fuzz

    return any(x == y or (x and y and (x in y or y in x)) or fuzz.token_set_ratio(x, y) >= 85 for x, y in pairs)


km = distance_km  # the name the tests and the seed check use
