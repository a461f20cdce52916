"""Accent-insensitive matching of Vietnamese names ("dak glei" finds "Đăk Glei")."""

import re

from unidecode import unidecode


def search_key(text: str) -> str:
    """Lower-case ASCII with single spaces: 'Huyện Đăk Glei' → 'huyen dak glei'."""
    ascii_text = unidecode(text or "").lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def compact_key(text: str) -> str:
    """Like search_key without spaces, for names written with or without them ('IaHDrai')."""
    return search_key(text).replace(" ", "")


def admin_unit_search_name(division_type: str, name: str) -> str:
    """Names usually carry their type ('Huyện Đắk Glei'); add it only when they do not."""
    if division_type and not search_key(name).startswith(search_key(division_type)):
        name = f"{division_type} {name}"
    return search_key(name)
