"""Vietnamese employer names and addresses, normalised for comparison: no diacritics, lower case,
abbreviations written out and legal-form words ("Công ty TNHH", "CP", "Chi nhánh") dropped, so
that "CÔNG TY TNHH MTV Hòa Bình" and "Cty Hoà Bình" compare as "hoa binh".

The words come from data/compliance/name-words.yaml, so an operator can add a province's own."""

import re
from functools import cache

import yaml
from django.conf import settings
from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


@cache
def _words() -> dict:
    path = settings.SEED_DATA_DIR / "compliance" / "name-words.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    abbreviations = {
        _SPACES.sub(" ", _NON_WORD.sub(" ", str(k).lower())).strip(): str(v)
        for k, v in data["abbreviations"].items()
    }
    forms = sorted(data["legal_forms"], key=len, reverse=True)
    return {
        "abbreviations": abbreviations,
        "legal_forms": re.compile(r"\b(" + "|".join(map(re.escape, forms)) + r")\b"),
        "address_noise": set(data["address_noise"]),
    }


def plain(text: str) -> str:
    """Lower case, no diacritics ('đ' → 'd'), punctuation as spaces, single spaces."""
    text = unidecode(str(text or "")).lower()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def expand(text: str) -> str:
    abbreviations = _words()["abbreviations"]
    return " ".join(abbreviations.get(token, token) for token in plain(text).split())


def name_key(name: str) -> str:
    """The part of a name that tells employers apart."""
    text = _words()["legal_forms"].sub(" ", expand(name))
    return _SPACES.sub(" ", text).strip()


def address_key(address: str) -> str:
    noise = _words()["address_noise"]
    return " ".join(t for t in plain(address).split() if t not in noise)
