"""The synthetic province behind the demo and the benchmark: the same seed gives the same province,
and partners' rows are written the untidy ways the issue lists, each knowing its true employer."""

from ansinh.compliance.names import name_key
from ansinh.compliance.synthetic import mistype, province_generate
from ansinh.compliance.taxcode import tax_code_problem

LOCALITIES = [("62101", "huyện Đăk Hà"), ("62102", "thành phố Kon Tum"), ("62103", "huyện Sa Thầy")]


def make(**kwargs):
    return province_generate(localities=LOCALITIES, employers=600, seed=3, **kwargs)


def test_same_seed_same_province():
    assert make().business_registry == make().business_registry


def test_employers_have_valid_codes_and_localities():
    province = make()
    codes = [e.tax_code for e in province.employers if e.tax_code]
    assert len(codes) == len(set(codes))
    assert not any(tax_code_problem(c) for c in codes)
    assert any(c.endswith(("-001", "-002", "-003")) for c in codes)  # branches
    assert {e.unit_code for e in province.employers} == {c for c, _ in LOCALITIES}
    uninsured = [e for e in province.employers if not e.insurer_code and e.status == "hoat_dong"]
    assert len(uninsured) > 30


def test_partner_rows_are_written_untidily_but_keep_their_truth():
    province = make()
    by_key = {e.key: e for e in province.employers}
    rows = province.business_registry
    right = [r for r in rows if r.tax_code == by_key[r.key].tax_code]
    missing = [r for r in rows if not r.tax_code]
    mistyped = [r for r in rows if r.tax_code and r.tax_code != by_key[r.key].tax_code]
    assert len(right) > len(rows) * 0.75 and missing and mistyped
    assert all(len(r.tax_code) == len(by_key[r.key].tax_code) for r in mistyped)
    assert any(r.name.isupper() for r in rows)
    assert any("Cty" in r.name for r in rows)
    assert any(", Công ty" in r.name for r in rows)  # legal form after the name
    assert any("H. " in r.address for r in rows)
    # However written, a name keeps the key of its employer's name in most rows.
    same = sum(name_key(r.name) == name_key(by_key[r.key].name) for r in rows)
    assert same > len(rows) * 0.9


def test_closed_enterprises_still_insured_and_headcount_gaps():
    province = make()
    closed = [e for e in province.insured if e.status in ("giai_the", "pha_san", "ngung_hd")]
    assert closed
    gaps = [e for e in province.insured if (e.tax_headcount or 0) > e.insured_headcount + 5]
    assert gaps
    assert any(r.employees for r in province.tax)


def test_arrears_lines_add_up_except_a_few():
    lines = make().arrears
    wrong = [a for a in lines if a.opening + a.due + a.adjustments - a.paid != a.closing]
    assert {id(a) for a in wrong} == {id(a) for a in lines if a.disagrees}
    assert 2 <= len(wrong) < len(lines) // 50
    assert any(a.closing > a.due for a in lines)  # more than a quarter owed


def test_mistype_changes_one_digit_or_swaps_two():
    import random

    rng = random.Random(1)
    code = "6101234567"
    changed = mistype(code, rng, "digit")
    assert sum(a != b for a, b in zip(code, changed)) == 1
    swapped = mistype(code, rng, "transposed")
    assert sorted(swapped) == sorted(code) and swapped != code
    assert mistype("6101234567-001", rng, "digit").endswith("-001")
