"""Splitting a "Đơn vị chủ trì / phối hợp" cell into the units it names.

The cell is kept as written; the units found in it are the agencies and agency groups of the
province whose name, short name or alias appears in it, compared accent- and case-insensitively
(`org.text.search_key`) word by word, the longest name first. What is left between the names,
once commas and "và" are dropped, is an unrecognised name, reported to the user.
"""

import re
from dataclasses import dataclass

from ansinh.org.models import Agency, AgencyGroup
from ansinh.org.text import search_key

_WORD = re.compile(r"[^\s,;]+")
_CONNECTORS = {"", "va", "cac", "va cac", "cung", "phoi hop", "va cac don vi"}


@dataclass(frozen=True)
class UnitMatch:
    name: str  # as written
    agency_id: int | None = None
    group_id: int | None = None
    label: str = ""  # the agency's or group's name

    @property
    def matched(self) -> bool:
        return bool(self.agency_id or self.group_id)

    def as_dict(self, role: str) -> dict:
        return {
            "role": role,
            "name": self.name,
            "agency": self.agency_id,
            "group": self.group_id,
            "label": self.label,
        }


class UnitMatcher:
    def __init__(self, *, province_id: int):
        self.names: dict[tuple[str, ...], UnitMatch] = {}
        groups = AgencyGroup.objects.filter(province_id=province_id).only("pk", "name", "aliases")
        agencies = Agency.objects.filter(province_id=province_id, is_active=True).only(
            "pk", "name", "short_name", "aliases"
        )
        # Agencies after groups: where a group and an agency share a wording, the agency wins.
        for group in groups:
            for name in [group.name, *(group.aliases or [])]:
                self._add(name, UnitMatch(name, group_id=group.pk, label=group.name))
        for agency in agencies:
            for name in [agency.name, agency.short_name, *(agency.aliases or [])]:
                self._add(name, UnitMatch(name, agency_id=agency.pk, label=agency.name))
        self.longest = max((len(k) for k in self.names), default=0)

    def _add(self, name: str, match: UnitMatch):
        key = tuple(search_key(name).split())
        if key:
            self.names[key] = match

    def resolve(self, name: str) -> UnitMatch:
        """The unit a whole name stands for, or an unmatched unit with that name."""
        found = self.names.get(tuple(search_key(name).split()))
        clean = " ".join(name.split())
        return (
            UnitMatch(clean, found.agency_id, found.group_id, found.label)
            if found
            else (UnitMatch(clean))
        )

    def split(self, text: str) -> list[UnitMatch]:
        """Every unit named in the text, in order, each once; unrecognised fragments included."""
        words = [(m.start(), m.end(), search_key(m.group(0)).split()) for m in _WORD.finditer(text)]
        tokens = [(index, token) for index, (_, _, keys) in enumerate(words) for token in keys]
        found: list[tuple[int, int, UnitMatch]] = []  # (first word, last word, match)
        i = 0
        while i < len(tokens):
            for size in range(min(self.longest, len(tokens) - i), 0, -1):
                match = self.names.get(tuple(t for _, t in tokens[i : i + size]))
                if match:
                    first, last = tokens[i][0], tokens[i + size - 1][0]
                    written = " ".join(text[words[first][0] : words[last][1]].split())
                    found.append((first, last, UnitMatch(written, *_ids(match))))
                    i += size
                    break
            else:
                i += 1
        # The text between matches: fragments not recognised.
        pieces: list[tuple[int, UnitMatch]] = [(words[f][0], m) for f, _, m in found]
        cursor = 0
        for first, last, _ in [*found, (len(words), len(words), None)]:
            start = words[first][0] if first < len(words) else len(text)
            pieces += [
                (cursor + off, UnitMatch(frag)) for off, frag in _fragments(text[cursor:start])
            ]
            cursor = words[last][1] if last < len(words) else len(text)
        result, seen = [], set()
        for _, match in sorted(pieces, key=lambda p: p[0]):
            key = (match.agency_id, match.group_id) if match.matched else search_key(match.name)
            if key not in seen:
                seen.add(key)
                result.append(match)
        return result


def _ids(match: UnitMatch) -> tuple[int | None, int | None, str]:
    return match.agency_id, match.group_id, match.label


def _fragments(text: str):
    for part in re.finditer(r"[^,;\n]+", text):
        fragment = " ".join(part.group(0).split()).strip(" .:-–()")
        fragment = re.sub(r"^(và|cùng|phối hợp)\s+", "", fragment, flags=re.IGNORECASE)
        fragment = re.sub(r"\s+(và|cùng)$", "", fragment, flags=re.IGNORECASE)
        if search_key(fragment) not in _CONNECTORS:
            yield part.start(), fragment
