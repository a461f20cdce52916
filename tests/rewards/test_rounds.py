"""Opening a review round: levels, proposers and rules come from the province's data file."""

import io

import time_machine
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.rewards.models import ReviewRound
from ansinh.rewards.selectors import proposals_with_checks
from tests.conftest import login
from tests.rewards.conftest import CLOSES, DURING, committee, open_round


@time_machine.travel(DURING)
def test_standing_agency_opens_a_round_from_the_province_file(client, seed):
    kt = committee("62")
    url = reverse("rewards:round_create", args=[kt.pk])
    login(client, "kontum.sotttt")
    assert client.get(url).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.get(url).status_code == 404  # another province's committee
    login(client, "kontum.thuongtruc")
    data = {"year": 2024, "title": "Xét khen thưởng năm 2024", "closes_on": "15/01/2025"}
    response = client.post(url, data)
    review_round = ReviewRound.objects.get(committee=kt, year=2024)
    assert response.url == reverse("rewards:round_detail", args=[review_round.pk])
    html = client.get(response.url).content.decode()
    assert "Bằng khen của Chủ tịch UBND tỉnh" in html
    assert "Giấy khen của Trưởng Ban Chỉ đạo" in html
    assert "Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum" in html
    assert "Báo cáo năm 2024 gửi đúng hạn từ 80% trở lên" in html
    assert "Không có đơn vị sử dụng lao động chậm đóng BHXH, BHYT, BHTN" in html
    assert "Chưa có đề nghị khen thưởng nào" in html
    assert "Lịch sử thay đổi" in html and "đợt xét khen thưởng" in html

    again = client.post(url, data).content.decode()
    assert "Năm: Ban Chỉ đạo đã có đợt xét khen thưởng của năm này." in again
    late = client.post(url, {**data, "year": 2025, "closes_on": "01/12/2024"}).content.decode()
    assert "Hạn nhận đề nghị: ngày 01/12/2024 đã qua." in late

    edit = reverse("rewards:round_edit", args=[review_round.pk])
    client.post(edit, {**data, "year": 1999, "closes_on": "31/01/2025"})
    review_round.refresh_from_db()
    assert review_round.closes_on.isoformat() == "2025-01-31" and review_round.year == 2024
    login(client, "kontum.lanhdao")
    assert client.get(edit).status_code == 403


@time_machine.travel(DURING)
def test_thanh_hoa_round_has_its_own_levels_and_proposers(seed):
    review_round = open_round("38")
    assert [level.name for level in review_round.levels.all()] == [
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Đề nghị cấp trên khen thưởng",
    ]
    assert {a.key for a in review_round.proposers.all()} == {
        "so-noi-vu",
        "bhxh-tinh",
        "so-y-te",
        "so-ldtbxh",
    }
    assert "no_arrears" not in review_round.rules  # the regulation has no arrears rule


@time_machine.travel(DURING)
def test_a_bad_data_file_is_refused_naming_file_and_key(client, seed, settings, tmp_path):
    (tmp_path / "rewards").mkdir()
    text = (settings.SEED_DATA_DIR / "rewards" / "kon-tum.yaml").read_text("utf-8")
    bad = text.replace("proposers: [bhxh-tinh,", "proposers: [so-noi-vu, bhxh-tinh,")
    (tmp_path / "rewards" / "kon-tum.yaml").write_text(bad, "utf-8")
    settings.SEED_DATA_DIR = tmp_path
    login(client, "kontum.thuongtruc")
    url = reverse("rewards:round_create", args=[committee("62").pk])
    html = client.post(url, {"year": 2024, "closes_on": "15/01/2025"}).content.decode()
    assert "kon-tum.yaml, proposers: không có cơ quan mã “so-noi-vu” trong tỉnh" in html
    (tmp_path / "rewards" / "kon-tum.yaml").write_text(
        text.replace("no_arrears: true", "no_debt: true"), "utf-8"
    )
    html = client.post(url, {"year": 2024, "closes_on": "15/01/2025"}).content.decode()
    assert "kon-tum.yaml, mục rules: không biết tiêu chí “no_debt”" in html
    assert not ReviewRound.objects.exists()


@time_machine.travel(DURING)
def test_round_list_shows_rounds_of_the_users_province_with_excel(client, seed):
    login(client, "kontum.lanhdao")
    url = reverse("rewards:round_list")
    assert "Chưa có đợt xét khen thưởng nào" in client.get(url).content.decode()
    open_round("62")
    open_round("38")
    html = client.get(url).content.decode()
    assert "Xét khen thưởng năm 2024" in html and "Ban Chỉ đạo tỉnh Thanh Hóa" not in html
    login(client, "kontum.dakha")  # not a proposing agency: nothing to see
    assert "Chưa có đợt xét khen thưởng nào" in client.get(url).content.decode()
    login(client, "kontum.thuongtruc")
    export = client.get(reverse("rewards:round_list_export"))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet["B5"].value == "Xét khen thưởng năm 2024" and sheet.max_row == 5


def test_demo_opens_the_kon_tum_round_with_one_passing_and_one_failing_proposal(seed):
    out = io.StringIO()
    call_command("load_demo_targets", stdout=out)  # the locality's targets are facts it fails
    call_command("load_demo_rewards", stdout=out)
    assert "mở đợt xét" in out.getvalue()
    review_round = ReviewRound.objects.get(committee__province__code="62", year=2024)
    proposals = {p.nominee_kind: p for p in review_round.proposals.all()}
    assert {p.status for p in proposals.values()} == {"submitted"}
    checked = {
        p.nominee_kind: p
        for p in proposals_with_checks(
            review_round=review_round, proposals=review_round.proposals.all(), today=CLOSES
        )
    }
    assert checked["locality"].failed and checked["locality"].justification
    assert not checked["individual"].failed
    call_command("load_demo_rewards", stdout=out)
    assert review_round.proposals.count() == 2
    assert "đã có, không thêm gì" in out.getvalue()
