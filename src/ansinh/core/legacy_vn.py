"""Vietnamese text written in the pre-Unicode encodings still found in provincial spreadsheets:
TCVN3 (the "ABC" code page, fonts .VnTime/.VnArial) and VNI-Windows (fonts VNI-Times…), read back
as the Latin-1 characters their bytes stand for.

No maintained Python package converts them (see docs/decisions/0013-legacy-vietnamese-encodings.md),
so the tables are here. Sources: TCVN 5712:1993 (VN3 table, the one ABC/.VnTime fonts use), as
published by the Vietnamese Unicode project (vietunicode.sourceforge.net/charset) and the X11
``lcUniConv/tcvn.h`` table; the VNI-Windows layout from VNI Software's character chart (vnisoft.com,
"vnichar"). VNI writes a letter as a base vowel followed by a mark character; TCVN3 uses one byte
per letter.

Detection looks for evidence that cannot occur in Unicode Vietnamese (bytes TCVN3 alone uses;
VNI's "vowel + mark" pairs) and never fires on ASCII or on text that already holds Vietnamese
letters outside Latin-1 (ă, đ, ơ, ư, ạ…), which no legacy text read as Latin-1 can contain.
"""

import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"
NAMES = {TCVN3: "TCVN3 (ABC, phông .VnTime)", VNI: "VNI (phông VNI-Windows)"}

# TCVN3 byte (as its Latin-1 character) → Unicode letter; lowercase letters and the 7 capitals
# the ABC table holds (capitals with tone marks come from the .VnTimeH "uppercase" fonts, which
# reuse the lowercase bytes).
_TCVN3_FROM = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦"
_TCVN3_TO = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
TCVN3_MAP = dict(zip(_TCVN3_FROM, _TCVN3_TO, strict=True))

# VNI marks (lowercase; the uppercase form of each is the same mark for capitals).
_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# VNI letters written with one character: ỉ ĩ ị ỵ ơ ư đ (í and ì are themselves).
VNI_SINGLE = {"æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ô": "ơ", "ö": "ư", "ñ": "đ"}
VNI_SINGLE |= {k.upper(): v.upper() for k, v in VNI_SINGLE.items()}


def _vni_pairs() -> dict[str, str]:
    pairs = {}
    bases = {
        "a": [(_TONES, ""), (_CIRCUMFLEX, "\u0302"), (_BREVE, "\u0306")],
        "e": [(_TONES, ""), (_CIRCUMFLEX, "\u0302")],
        "o": [(_TONES, ""), (_CIRCUMFLEX, "\u0302")],
        "u": [(_TONES, "")],
        "y": [(_TONES, "")],
        "ô": [(_TONES, "\u031b")],  # VNI ô is ơ
        "ö": [(_TONES, "\u031b")],  # VNI ö is ư
    }
    for base, groups in bases.items():
        letter = {"ô": "o", "ö": "u"}.get(base, base)
        for marks, shape in groups:
            for mark, tone in marks.items():
                lower = unicodedata.normalize("NFC", letter + shape + tone)
                for b, m in ((base, mark), (base.upper(), mark.upper()), (base.upper(), mark)):
                    pairs[b + m] = lower.upper() if b.isupper() else lower
    pairs["yï"], pairs["YÏ"], pairs["YË"] = "ỵ", "Ỵ", "Ỵ"
    return pairs


VNI_PAIRS = _vni_pairs()
_VNI_ALL = VNI_PAIRS | VNI_SINGLE
# One pass, pairs before single characters: "oâ" is ô, which must not then be read as VNI ơ.
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_ALL), key=len, reverse=True)))

# Evidence. VNI: a vowel followed by a mark in a way Unicode Vietnamese never writes ("oâ", "eä",
# "oø"; "oá"/"oà" are left out because Unicode "hoá"/"hoà" are ordinary). TCVN3: characters that
# are neither Vietnamese letters nor used by VNI.
_VNI_EVIDENCE = re.compile(
    "[aA][âáàåãäêéèúüëùøûõïÂÁÀÅÃÄÊÉÈÚÜËÙØÛÕÏ]|[eE][âáàåãäùøûõïÂÁÀÅÃÄÙØÛÕÏ]"
    "|[oO][âåäùøûõïÂÅÄÙØÛÕÏ]|[uUyY][ùøûõïÙØÛÕÏ]|[ôöÔÖ][ùøûõïÙØÛÕÏ]"
)
_VNI_CHARS = set("ùøûõïâáàåãäêéèúüëíìæóòôöîñ")
_VNI_CHARS |= {c.upper() for c in _VNI_CHARS}
_VN_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_EVIDENCE = set(_TCVN3_FROM) - _VNI_CHARS - _VN_LATIN1
# An evidence character counts only next to an ASCII letter, so "12 × 3" or «…» quotes around
# a space do not make a Unicode file look like TCVN3.
_TCVN3_WORD = re.compile(
    "[A-Za-z][{0}]|[{0}][A-Za-z]".format(re.escape("".join(sorted(_TCVN3_EVIDENCE))))
)

_VN_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SHAPES = {"\u0302": "aeo", "\u0306": "a", "\u031b": "ou"}


def is_vietnamese_letter(char: str) -> bool:
    """An ASCII letter or a letter of the Vietnamese alphabet (with at most one tone mark)."""
    if char.isascii() or char in "đĐ":
        return True
    base, *marks = unicodedata.normalize("NFD", char)
    if base.lower() not in "aeiouy" or not base.isascii():
        return False
    tones = [m for m in marks if m in _VN_MARKS]
    shapes = [m for m in marks if m in _SHAPES]
    if len(tones) > 1 or len(shapes) > 1 or len(tones) + len(shapes) != len(marks):
        return False
    return all(base.lower() in _SHAPES[s] for s in shapes)


def has_unicode_vietnamese(text: str) -> bool:
    """Holds a Vietnamese letter beyond Latin-1 (ă đ ơ ư ĩ ũ ạ…): real Unicode, never legacy."""
    return any(ord(c) > 0xFF and c.isalpha() and is_vietnamese_letter(c) for c in text)


def evidence(text: str) -> tuple[int, int]:
    """(TCVN3 evidence, VNI evidence) found in a text that is not Unicode Vietnamese."""
    if text.isascii() or has_unicode_vietnamese(text):
        return 0, 0
    return len(_TCVN3_WORD.findall(text)), len(_VNI_EVIDENCE.findall(text))


def looks_odd(text: str) -> bool:
    """A Latin-1 character that is no Vietnamese letter, inside a word ("ViÖt")."""
    return any(
        0x80 <= ord(char) <= 0xFF
        and not is_vietnamese_letter(char)
        and ((before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()))
        for before, char, after in zip(" " + text, text, text[1:] + " ", strict=False)
    )


def from_tcvn3(text: str) -> str:
    converted = "".join(TCVN3_MAP.get(c, c) for c in text)
    # Text typed with the .VnTimeH capitals font holds lowercase bytes: "C«NG TY" is "CÔNG TY".
    letters = [c for c in text if c.isascii() and c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return converted.upper()
    return converted


def from_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_ALL[m.group(0)], text)


CONVERTERS = {TCVN3: from_tcvn3, VNI: from_vni}


def flaws(text: str) -> int:
    """How un-Vietnamese a converted text still looks: Latin-1 leftovers and capitals inside
    lowercase words ("ViƯt" read from TCVN3 "ViÖt" as if it were VNI)."""
    leftovers = sum(1 for c in text if 0x80 <= ord(c) <= 0xFF and not is_vietnamese_letter(c))
    mid_capitals = sum(
        1
        for before, char, after in zip(text, text[1:], text[2:], strict=False)
        if char.isupper() and before.islower() and after.islower()
    )
    return leftovers + mid_capitals


class LegacyEncodingError(ValueError):
    """The text is in a legacy encoding that cannot be told apart or converted reliably."""

    def __init__(self, encoding: str | None):
        self.encoding = encoding
        name = NAMES.get(encoding, "VNI/TCVN3")
        super().__init__(
            f"tệp dùng mã tiếng Việt cũ {name}, không chuyển được chắc chắn sang Unicode; "
            "hãy mở bằng Unikey (Công cụ chuyển mã) hoặc Excel và lưu lại bằng Unicode"
        )


def detect(texts) -> str | None:
    """The legacy encoding of a set of texts (the cells of one file), or None when they are
    ASCII or Unicode. Raises LegacyEncodingError when legacy text is there but which encoding
    cannot be told."""
    tcvn, vni, strong_cells, unicode_cells = 0, 0, 0, 0
    samples = []
    for text in texts:
        if has_unicode_vietnamese(text):
            unicode_cells += 1
            continue
        t, v = evidence(text)
        if t or v or (not text.isascii() and looks_odd(text)):
            tcvn, vni, strong_cells = tcvn + t, vni + v, strong_cells + bool(t or v)
            samples.append(text)
    # A few odd symbols (« », ×) in a file that is plainly Unicode are not a legacy encoding;
    # a Unicode header over rows pasted from an old system is (only those rows are converted).
    if not samples or (unicode_cells and strong_cells * 10 < unicode_cells):
        return None
    if tcvn > 2 * vni:
        return TCVN3
    if vni > 2 * tcvn:
        return VNI
    scores = {name: sum(flaws(convert(s)) for s in samples) for name, convert in CONVERTERS.items()}
    best = min(scores, key=scores.get)
    if scores[best] < min(v for k, v in scores.items() if k != best):
        return best
    raise LegacyEncodingError(None)


def to_unicode(text: str, encoding: str | None) -> str:
    """One cell converted from the file's legacy encoding; Unicode and ASCII cells unchanged."""
    if encoding is None or text.isascii() or has_unicode_vietnamese(text):
        return text
    return CONVERTERS[encoding](text)
