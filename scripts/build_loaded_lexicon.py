"""Build ``claimscope/nlp/data/loaded_words.tsv``: the emotive words the framing component flags as
``Loaded_Language`` in general news.

Derived from the VADER sentiment lexicon (Hutto & Gilbert 2014, MIT licence; the ``vadersentiment`` package
ships ``vader_lexicon.txt``), keeping a word when
- its mean valence is strong (|valence| >= --valence): "disaster" -3.1 in, "shameless" -1.4 out;
- it is not an everyday word (Zipf frequency <= --zipf, from ``wordfreq``): "good", "help", "free", "kill"
  carry valence but are how anyone writes;
- it is not the vocabulary of conflict reporting: words used in more than --df of the FA-KES articles
  ("killed", "attack", "war", "wounded") report, they do not frame;
- it is not in REPORTING below: plain report words of general news that the two filters above let through;
and adds EXTRA_NEGATIVE / EXTRA_POSITIVE, the loaded words of political writing that VADER lacks.
Both the runtime and this script are side-blind: nothing here knows who uses a word.

``--tune`` scores a grid of (valence, zipf) on the dev halves of both framing gold sets (all spans, partial
overlap) and prints it; the defaults are the best pair (see docs/quality.md, Framing).

    .venv/bin/python scripts/build_loaded_lexicon.py [--valence 2.5 --zipf 4.5 --df 0.05] [--tune]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "claimscope" / "nlp" / "data" / "loaded_words.tsv"
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"
GOLD = [ROOT / "data" / "gold" / "framing-gold.jsonl", ROOT / "data" / "gold" / "framing-general.jsonl"]
WORD = re.compile(r"^[a-z][a-z-]*[a-z]$")

# Report words with strong VADER valence: crimes, illness, disasters and acts of war named as facts.
REPORTING = frozenset("""
abuse abused accident accidents accused arrest arrested arrests assassination assassinations assault
assaulted assaults attacker attackers bomb bombs cancer charged collapse collapsed crash crashed crime crimes
crisis destruction died dies fatalities disease diseases drought emergency fire fired flood floods fraud guilty
harassed harassment hostage hostages hostilities hostility illness illnesses infection injuries injury jail jailed
lawsuit murder murdered murders overdose overdoses pandemic poison poisoned poisoning poisonous poverty
prison prisoner prisoners rape raped robbery shooting shootings sick stolen strike strikes suffer
suffered suffering suffers suicide theft threat threats tragedy unemployed unemployment victim victims violating violation
violations violence violent weapon weapons
bonus bonuses celebrate celebrated celebrates celebrating congratulation congratulations corpse criminals drown
drowned fatal fatalities fatality fatally felonies felony harm harming honored killer killers killings
kissing loyalty murderer murderers racism rapes rapist rapists reward riot rob robber slavery smiled
sophisticated stab starved successes terrorism terrorisms torture tortured tortures torturing
abuses choke choking condemnation crude inspire inspired praising rages ruins
""".split())

# Loaded words of political writing that VADER lacks or rates mildly (it was built on social-media
# text): kept whatever their frequency, with a nominal valence of +-2.5. Both sides' vocabulary.
EXTRA_NEGATIVE = """
apocalypse apocalyptic appalling atrocities atrocity barbaric barbarism blatant bloodbath blunder blunders
boasted bragged brainwashed brainwashing brazen butchered butchery callous carnage corrupt corruption
cowardly crumbling debacle deplorable deranged despicable disgraceful draconian dystopian egregious
fearmongering fiasco gouging greedy grotesque gutted heinous hoax hysteria indoctrinate indoctrination
lambasted lectured lecturing looted ludicrous meltdown nefarious nightmare onslaught orwellian plundered
rampant ransacked reckless rigged ruthless scaremongering scourge shameless slammed slaughter slaughtered
smear sneered spineless squandered trample trampled trampling treacherous tyrannical tyranny unhinged
weaponize weaponized weaponizing wrecked wrecking
absurd anarchy bashed bigoted bilking bloodthirsty bogus bulldozed bumbling calamitous censoring charade
clueless colluding conspiring contemptible crippling cronyism deceitful delusional demonized diabolical
dictatorial duplicitous fanatical farce farcical fascistic feckless fleecing fraudulent frenzied gloated
greed groveled gutless hateful havoc homophobic hordes incompetent indoctrinating inept insidious
intimidating irresponsible kowtowed laughable liar liars mayhem meddling menace misogynist mockery monstrous
muzzling obliterated oppressive outrage outraged pandered pandering paranoid parroted peddled peddling
persecuting phony preposterous propaganda rabid railroaded reprehensible repressive ridiculed rotten
scandalous scapegoated scheming scoffed sexist shady silencing sleazy slimy smeared spewed spewing
spiraling swindling travesty unchecked venomous vilified vitriolic whined whining
""".split()
EXTRA_POSITIVE = """brave courageous glorious heroic heroes heroism liberated liberation noble resounding righteous
steadfast triumphant valiant""".split()


def vader_lexicon(path: Path | None = None) -> dict[str, float]:
    if path is None:
        import vaderSentiment

        path = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, valence, *_ = line.split("\t")
        if WORD.match(word):
            out[word] = float(valence)
    return out


def reporting_share(csv_path: Path) -> dict[str, float]:
    """Word -> share of FA-KES articles that use it."""
    with csv_path.open(encoding="utf-8", errors="replace", newline="") as fh:
        texts = [row["article_content"] for row in csv.DictReader(fh)]
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(re.findall(r"[a-z][a-z-]*[a-z]", text.lower())))
    return {w: n / len(texts) for w, n in df.items()}


def select(vader: dict[str, float], share: dict[str, float], valence: float, zipf: float,
           df: float) -> dict[str, float]:
    from wordfreq import zipf_frequency

    words = {w: v for w, v in vader.items()
             if abs(v) >= valence and zipf_frequency(w, "en") <= zipf and share.get(w, 0.0) <= df
             and w not in REPORTING}
    words.update({w: -2.5 for w in EXTRA_NEGATIVE if w not in words})
    words.update({w: 2.5 for w in EXTRA_POSITIVE if w not in words})
    return dict(sorted(words.items()))


def write(words: dict[str, float], args: argparse.Namespace) -> None:
    head = (f"# Emotive words flagged as Loaded_Language; built by scripts/build_loaded_lexicon.py from the VADER "
            f"lexicon\n# (|valence| >= {args.valence}, Zipf <= {args.zipf}, in <= {args.df:.0%} of FA-KES "
            f"articles, minus report words).\n# word<TAB>valence\n")
    TARGET.write_text(head + "".join(f"{w}\t{v:+.1f}\n" for w, v in words.items()), encoding="utf-8")
    print(f"{len(words)} words -> {TARGET.relative_to(ROOT)}")


def tune(vader: dict[str, float], share: dict[str, float]) -> None:
    """All-spans F1 on both dev halves for each (valence, zipf, df): the text is parsed once."""
    from claimscope.eval.framing import score_framing
    from claimscope.model import FramingSpan
    from claimscope.pipeline import build_nlp

    nlp = build_nlp()
    framing = nlp.get_pipe("claimscope_framing")
    framing.initialize()
    sets = []
    for path in GOLD:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if r["split"] == "dev"]
        sets.append((path.stem, rows, list(nlp.pipe(r["text"] for r in rows))))
    print(f"{'valence':>8}{'zipf':>6}{'df':>6}{'words':>7}" + "".join(f"{name:>22}" for name, *_ in sets))
    for valence, zipf, df in itertools.product((1.5, 2.0, 2.5, 3.0), (3.5, 4.0, 4.5, 5.0), (0.02, 0.05)):
        framing.lexicon = select(vader, share, valence, zipf, df)
        scores = []
        for _, rows, docs in sets:
            results = []
            for doc in docs:
                framing(doc)
                results.append(SimpleNamespace(framing=[FramingSpan(f.technique, f.text, (f.start, f.end))
                                                        for f in doc._.cs_framing]))
            s = score_framing(rows, results).summary()["all spans (any technique)"]
            scores.append(f"{s['precision']:.2f}/{s['recall']:.2f}/{s['f1']:.3f}")
        print(f"{valence:>8}{zipf:>6}{df:>6}{len(framing.lexicon):>7}" + "".join(f"{s:>22}" for s in scores))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vader", type=Path, default=None, help="vader_lexicon.txt (default: the installed one)")
    parser.add_argument("--fakes", type=Path, default=FAKES, help="FA-KES CSV, the conflict-reporting corpus")
    parser.add_argument("--valence", type=float, default=2.5)
    parser.add_argument("--zipf", type=float, default=4.5)
    parser.add_argument("--df", type=float, default=0.05)
    parser.add_argument("--tune", action="store_true")
    args = parser.parse_args()
    vader, share = vader_lexicon(args.vader), reporting_share(args.fakes)
    if args.tune:
        tune(vader, share)
    else:
        write(select(vader, share, args.valence, args.zipf, args.df), args)
