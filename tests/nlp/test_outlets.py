"""`claimscope outlets`: framing per 1,000 words and favourite labels per outlet; the same in the API."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

import claimscope
from claimscope.cli import main
from claimscope.jobs import ingest
from claimscope.model import Article

PRO = "The Takfiri terrorists shelled Hama. The terrorists were driven back by the army, which killed 12 terrorists."
OPP = "Regime forces shelled Idlib on Monday. Assad's militias killed 12 civilians in the regime attack."
WIRE = "Government forces and rebels clashed near Hama on Monday, killing 12 fighters, a monitor said."


def test_profiles_rank_outlets_by_framing(tmp_path, extractor) -> None:
    db = str(tmp_path / "o.db")
    with claimscope.open(db) as ledger:
        ingest([Article("p", PRO, outlet="Pro"), Article("o", OPP, outlet="Opp"), Article("w", WIRE, outlet="Wire")],
               ledger.store, extractor=extractor, batch_size=8)
        profiles = {p.outlet: p for p in ledger.outlets()}
    assert profiles["Pro"].rates["Name_Calling,Labeling"] > 0 and profiles["Opp"].rates["Name_Calling,Labeling"] > 0
    assert profiles["Wire"].total_rate == 0
    assert profiles["Pro"].top_labels[0][0] == "terrorists"

    table = CliRunner().invoke(main, ["outlets", "--db", db])
    assert table.exit_code == 0 and "Pro" in table.stdout and "█" in table.stdout
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(main, ["outlets", "--db", db, "--format", "csv"]).stdout)))
    assert {r["outlet"] for r in rows} == {"Pro", "Opp", "Wire"}
    data = json.loads(CliRunner().invoke(main, ["outlets", "--db", db, "--format", "json"]).stdout)
    assert [d["outlet"] for d in data][-1] == "Wire"  # the least framing last


def test_so_called_gets_the_phrase_without_it(read) -> None:
    [flag] = [f for f in read("The so-called monitor reported the deaths.").framing if f.technique == "Doubt"]
    assert flag.neutral == "the monitor"
