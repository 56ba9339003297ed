"""Ingesting is resumable: an interrupted run, run again, stores everything once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from claimscope.jobs import ingest
from claimscope.model import Article
from claimscope.store import open_store
from claimscope.store.db import Filters

TOWNS = ["Idlib", "Hama", "Aleppo", "Homs", "Douma", "Daraa", "Raqqa", "Latakia"]


def articles() -> list[Article]:
    return [
        Article(id=f"a{i}", outlet="Test Wire", published="2024-12-05",
                text=f"At least {i + 3} civilians were killed in an air strike on {town} on Monday, "
                     f"activists said. Rescue teams worked through the night in {town} as families waited.")
        for i, town in enumerate(TOWNS)
    ]


def test_interrupted_ingest_resumes_without_loss_or_doubles(tmp_path, extractor) -> None:
    db = str(tmp_path / "resume.db")

    def interrupted():
        for n, article in enumerate(articles()):
            if n == 5:
                raise KeyboardInterrupt  # the user's Ctrl-C between two chunks
            yield article

    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest(interrupted(), store, extractor=extractor, batch_size=2)
    with open_store(db) as store:
        assert store.count_articles() == 4  # two committed chunks; the chunk in progress is not half-written
        summary = ingest(articles(), store, extractor=extractor, batch_size=2)
        assert (summary.added, summary.already) == (4, 4)
        assert store.count_articles() == 8
        assert len(store.events(Filters())) == 8


def test_killed_process_resumes(tmp_path) -> None:
    """SIGKILL mid-batch: the uncommitted chunk is rolled back, the rerun completes it, nothing twice."""
    src = tmp_path / "many.jsonl"
    rows = [dict(id=f"k{i}", text=f"At least {i + 2} people were killed in shelling on Homs on day {i} of the "
                 f"siege, a monitor said. Residents fled to nearby villages as the shelling went on.",
                 outlet="Wire", published="2024-12-05") for i in range(40)]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "claimscope.cli", "ingest", str(src), "--db", str(db), "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    try:
        while time.time() < deadline:
            if db.exists():
                with open_store(str(db)) as store:
                    if store.count_articles() >= 8:
                        break
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    with open_store(str(db)) as store:
        partial = store.count_articles()
    assert 0 < partial < 40
    subprocess.run(cmd, check=True, capture_output=True)
    with open_store(str(db)) as store:
        assert store.count_articles() == 40
        ids = [r["id"] for r in store.events(Filters())]
        assert len(ids) == len(set(ids))


def test_near_duplicates_are_linked_on_ingest(tmp_path, extractor) -> None:
    wire = articles()[0]
    copy = Article(id="copy", outlet="Other Paper", published="2024-12-05",
                   text="OTHER PAPER - " + wire.text + " (Test Wire)")
    with open_store(str(tmp_path / "near.db")) as store:
        summary = ingest([wire, copy], store, extractor=extractor)
        assert summary.near_duplicates == 1
        assert store.duplicates() == {"copy": wire.id}
