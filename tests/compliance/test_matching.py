"""The reconciliation engine on small DuckDB tables: what pairs it finds, and which it refuses."""

import duckdb
import pytest

from ansinh.compliance import matching
from ansinh.compliance.names import address_key, name_key


def run(registry, employers, decisions=None, *, lists=None):
    """registry rows (rid, tax_code, name, address, unit), employers (eid, ...); returns
    {rid: (eid, score, method)}."""
    con = duckdb.connect()
    extra = ", list_id VARCHAR" if lists else ""
    con.execute(
        "CREATE TABLE registry (rid BIGINT, tax_code VARCHAR, name VARCHAR, address VARCHAR, "
        f"unit VARCHAR{extra})"
    )
    rows = [(*r, lists[r[0]]) for r in registry] if lists else registry
    if rows:
        con.executemany(f"INSERT INTO registry VALUES ({', '.join('?' * len(rows[0]))})", rows)
    con.execute(
        "CREATE TABLE employers (eid BIGINT, tax_code VARCHAR, name VARCHAR, address VARCHAR, "
        "unit VARCHAR)"
    )
    con.executemany("INSERT INTO employers VALUES (?, ?, ?, ?, ?)", employers)
    table = None
    if decisions is not None:
        con.execute("CREATE TABLE decisions (rid BIGINT, eid BIGINT, accepted BOOLEAN)")
        con.executemany("INSERT INTO decisions VALUES (?, ?, ?)", decisions)
        table = "decisions"
    stages = []
    out = matching.reconcile(con, decisions=table, progress=lambda p, s: stages.append((p, s)))
    assert stages[-1][0] == 100
    return {
        rid: (eid, score, method)
        for rid, eid, score, method in con.execute(
            f"SELECT rid, eid, score, method FROM {out}"
        ).fetchall()
    }


EMPLOYERS = [
    (1, "6100123456", "Công ty TNHH Hòa Bình", "Số 12 đường Lê Lợi, phường Quyết Thắng", "KT"),
    (2, "6100234567", "Công ty cổ phần Sao Mai", "45 Phan Đình Phùng", "KT"),
    (3, "6100345678", "Công ty TNHH MTV Xây dựng Đăk Hà", "Thôn 1, thị trấn Đăk Hà", "DH"),
    (4, "", "Hợp tác xã Nông nghiệp Ngọc Linh", "Xã Ngọc Linh", "DG"),
    (5, "6100456789", "Công ty TNHH Thương mại Tây Nguyên", "8 Trần Phú", "KT"),
]


def test_same_tax_code_is_an_automatic_match():
    found = run([(10, "6100 123 456", "Cty Hoa Binh (ten cu)", "", "KT")], EMPLOYERS)
    assert found[10] == (1, 1.0, "mst")


def test_a_name_without_diacritics_or_with_cty_matches_the_same_employer():
    found = run(
        [
            (10, "", "CONG TY TNHH HOA BINH", "12 Le Loi, P. Quyet Thang", "KT"),
            (11, "", "Cty TNHH Hoà Bình", "", "KT"),
            (12, "", "CTCP Sao Mai", "45 Phan Dinh Phung", "KT"),
        ],
        EMPLOYERS,
        lists={10: "dang_ky", 11: "thue", 12: "dang_ky"},
    )
    assert found[10][0] == 1 and found[10][1] >= matching.AUTO
    assert found[11][0] == 1 and found[11][1] >= matching.AUTO
    assert found[12][0] == 2 and found[12][1] >= matching.AUTO
    assert {found[r][2] for r in (10, 11, 12)} == {"ten_dc"}


def test_a_branch_matches_its_enterprise_unless_the_branch_itself_is_insured():
    found = run(
        [(10, "6100234567-001", "Chi nhánh Công ty CP Sao Mai tại Kon Tum", "", "KT")],
        EMPLOYERS,
    )
    assert found[10][0] == 2 and found[10][2] == "mst"
    branch = (9, "6100234567-001", "CN Công ty cổ phần Sao Mai", "", "KT")
    found = run([(10, "6100234567001", "Chi nhánh Sao Mai", "", "KT")], [*EMPLOYERS, branch])
    assert found[10] == (9, 1.0, "mst")


def test_a_mistyped_tax_code_still_finds_the_employer():
    found = run(
        [
            (10, "6100123465", "Công ty TNHH Hòa Bình", "", "KT"),  # two digits swapped
            (11, "6100345679", "Cty Xay dung Dak Ha", "", "DH"),  # last digit wrong
        ],
        EMPLOYERS,
    )
    assert found[10][0] == 1 and found[10][1] >= matching.AUTO
    assert found[11][0] == 3 and found[11][1] >= matching.AUTO


def test_missing_tax_code_is_matched_by_name_within_the_locality():
    found = run([(10, None, "HTX Nông nghiệp Ngọc Linh", "Ngọc Linh", "DG")], EMPLOYERS)
    assert found[10][0] == 4 and found[10][2] == "ten_dc"


def test_the_same_name_in_another_locality_is_not_a_match():
    found = run([(10, "", "Công ty TNHH Hòa Bình", "12 Lê Lợi", "DH")], EMPLOYERS)
    assert 10 not in found


def test_a_different_enterprise_with_a_similar_name_is_not_matched():
    found = run([(10, "", "Công ty TNHH Hòa Phát", "", "KT")], EMPLOYERS)
    assert found.get(10, (None,))[0] != 1 or found[10][1] < matching.AUTO


def test_two_known_tax_codes_that_differ_keep_a_same_name_pair_under_auto():
    found = run([(10, "6100999999", "Công ty TNHH Hòa Bình", "", "KT")], EMPLOYERS)
    assert 10 not in found or found[10][1] < matching.AUTO


def test_decisions_are_respected():
    registry = [
        (10, "", "Cty Hoa Binh", "", "KT"),
        (11, "", "Công ty TNHH Thương mại Tây Nguyên", "", "KT"),
    ]
    found = run(registry, EMPLOYERS, decisions=[(10, 2, True), (11, 5, False)])
    assert found[10] == (2, 1.0, "da_xet")  # a person said so, whatever the names
    assert 11 not in found  # rejected: never proposed again


def test_one_employer_goes_to_one_row_of_a_list_when_it_can():
    registry = [
        (10, "", "Công ty TNHH Hòa Bình", "12 Lê Lợi", "KT"),
        (11, "", "Công ty TNHH Hòa Bình Xanh", "", "KT"),
    ]
    found = run(registry, EMPLOYERS, lists={10: "a", 11: "a"})
    assert found[10][0] == 1
    assert 11 not in found or found[11][1] < matching.AUTO
    # in two different lists both rows may claim it
    found = run(registry[:1] * 1 + [(11, "", "Cty Hòa Bình", "", "KT")], EMPLOYERS,
                lists={10: "a", 11: "b"})  # fmt: skip
    assert found[10][0] == found[11][0] == 1
    assert found[11][1] >= matching.AUTO


@pytest.mark.parametrize(
    "name",
    [
        "CÔNG TY TNHH MTV Hòa Bình",
        "C.ty CP Xây dựng Đăk Hà",
        "Chi nhánh Công ty cổ phần ABC",
        "Co., Ltd Sao Mai",
        "DNTN  Thương mại - Dịch vụ Ngọc Linh",
        "Văn phòng đại diện Cty TNHH XNK Tây Nguyên",
    ],
)
def test_names_are_keyed_in_sql_as_in_python(name):
    con = duckdb.connect()
    matching._define_macros(con)
    con.execute(
        "CREATE TABLE t AS SELECT 1 AS rid, ? AS name, ? AS address, '' AS tax_code, '' AS unit",
        [name, "Số 5 đường Lê Lợi, Phường Quyết Thắng"],
    )
    nkey, akey = con.execute(
        f"SELECT nkey, akey FROM ({matching._keys_sql('t', 'rid', '0 AS x')})"
    ).fetchall()[0]
    assert nkey == name_key(name)
    assert akey == address_key("Số 5 đường Lê Lợi, Phường Quyết Thắng")
