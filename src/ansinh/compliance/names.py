"""Vietnamese employer names and addresses, normalised for comparison: no diacritics, lower case,
abbreviations written out and legal-form words ("Công ty TNHH", "CP", "Chi nhánh") dropped, so
that "CÔNG TY TNHH MTV Hòa Bình" and "Cty Hoà Bình" compare as "hoa binh".

The words come from data/compliance/name-words.yaml, so an operator can add a province's own.
The reconciliation engine (matching.py) applies the same rules in DuckDB SQL, built from
`words()`, so a name is keyed alike in Python and in SQL."""

import re
from functools import cache
from pathlib import Path

import yaml
from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def _data_dir() -> Path:
    # The benchmark runs the engine without Django settings; fall back to the repository's data.
    try:
        from django.conf import settings

        return Path(settings.SEED_DATA_DIR)
    except Exception:  # ImproperlyConfigured outside Django
        return Path(__file__).resolve().parents[3] / "data"


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


@cache
def words() -> dict:
    """The rules: `abbreviations` one token → words, `phrases` several tokens → words (e.g.
    "c.ty" is "c ty" once punctuation is gone), `legal_forms` (longest first), `address_noise`."""
    path = _data_dir() / "compliance" / "name-words.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    tokens, phrases = {}, {}
    for key, value in data["abbreviations"].items():
        key = _clean(unidecode(str(key)).lower())
        (phrases if " " in key else tokens)[key] = _clean(unidecode(str(value)).lower())
    return {
        "abbreviations": tokens,
        "phrases": dict(sorted(phrases.items(), key=lambda kv: len(kv[0]), reverse=True)),
        "legal_forms": sorted(data["legal_forms"], key=len, reverse=True),
        "address_noise": [t for t in data["address_noise"] if " " not in t],
    }


@cache
def _patterns() -> dict:
    w = words()
    return {
        "phrases": [(re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in w["phrases"].items()],
        "legal_forms": re.compile(r"\b(" + "|".join(map(re.escape, w["legal_forms"])) + r")\b"),
        "address_noise": set(w["address_noise"]),
    }


def plain(text: str) -> str:
    """Lower case, no diacritics ('đ' → 'd'), punctuation as spaces, single spaces."""
    return _clean(unidecode(str(text or "")).lower())


def expand(text: str) -> str:
    text = plain(text)
    for pattern, value in _patterns()["phrases"]:
        text = pattern.sub(value, text)
    abbreviations = words()["abbreviations"]
    return " ".join(abbreviations.get(token, token) for token in text.split())


def name_key(name: str) -> str:
    """The part of a name that tells employers apart. Legal forms are dropped before the
    abbreviations are written out too, so that the "co" of "co phan" is not read as "Co., Ltd"."""
    forms = _patterns()["legal_forms"]
    text = forms.sub(" ", expand(forms.sub(" ", plain(name))))
    return _SPACES.sub(" ", text).strip()


def address_key(address: str) -> str:
    noise = _patterns()["address_noise"]
    return " ".join(t for t in plain(address).split() if t not in noise)
