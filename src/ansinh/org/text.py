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
