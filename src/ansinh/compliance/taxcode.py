"""Tax codes (mã số thuế) as partners write them: '0101234567', '0101234567-001', '0101234567001',
with spaces or dots; normalised to 10 digits, or 10 digits, a hyphen and 3 for a branch."""

import re

_SHAPE = re.compile(r"^\d{10}(-\d{3})?$")
_SEPARATORS = re.compile(r"[\s.]")


def normalize_tax_code(value) -> str:
    """The canonical form of a tax code, or '' for a blank cell. Does not validate."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel drops the leading zero of a code typed as a number.
        text = str(int(value)).zfill(10)
    else:
        text = _SEPARATORS.sub("", str(value)).replace("–", "-")
    if re.fullmatch(r"\d{13}", text):
        text = f"{text[:10]}-{text[10:]}"
    elif re.fullmatch(r"\d{9}", text):
        text = text.zfill(10)
    return text


def tax_code_problem(code: str) -> str:
    """Why a normalised code is not a tax code, or '' when its shape is right."""
    if not code or _SHAPE.match(code):
        return ""
    return f"mã số thuế “{code}” không đúng dạng 10 chữ số (chi nhánh: 10 chữ số-3 chữ số)"
