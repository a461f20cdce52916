"""Writing proposals: who may, and the bad input refused with a clear message."""

import time_machine
from django.urls import reverse

from ansinh.rewards.models import Proposal
from tests.conftest import login
from tests.rewards.conftest import AFTER_CLOSE, DURING, district, open_round, propose


def form_data(review_round, **extra):
    return {
        "nominee_kind": "individual",
        "person_name": "Trần Văn An",
        "person_title": "Phó Giám đốc",
        "workplace": "Sở Y tế tỉnh Kon Tum",
        "level": review_round.levels.first().pk,
        "achievement": "Chỉ đạo cấp thẻ BHYT cho 100% trẻ em dưới 6 tuổi.",
        **extra,
    }


@time_machine.travel(DURING)
def test_proposing_agencies_write_their_own_proposals_others_are_refused(client, kt_round, soyte):
    url = reverse("rewards:proposal_create", args=[kt_round.pk])
    client.logout()
    assert client.get(url).status_code == 302
    login(client, "thanhhoa.soyte")
    assert client.get(url).status_code == 404  # another province's round does not exist
    login(client, "kontum.sotttt")
    assert client.get(url).status_code == 403  # Sở TT&TT is not a proposing agency
    login(client, "kontum.lanhdao")
    assert client.get(url).status_code == 403  # leaders approve, they do not propose
    login(client, "kontum.soyte")
    assert "Hình thức đề nghị" in client.get(url).content.decode()
    response = client.post(url, form_data(kt_round))
    proposal = Proposal.objects.get()
    assert response.url == reverse("rewards:proposal_detail", args=[proposal.pk])
    assert proposal.proposer.key == "so-y-te" and proposal.status == "draft"
    html = client.get(response.url).content.decode()
    assert "Trần Văn An, Phó Giám đốc, Sở Y tế tỉnh Kon Tum" in html
    assert "Không áp dụng" in html  # collective rules do not apply to a person

    other = propose(kt_round, proposer="bhxh-tinh", unit="so-tttt")
    assert client.get(reverse("rewards:proposal_detail", args=[other.pk])).status_code == 403
    edit = reverse("rewards:proposal_edit", args=[other.pk])
    assert client.post(edit, form_data(kt_round)).status_code == 403


@time_machine.travel(DURING)
def test_bad_proposals_are_refused_with_a_clear_message(client, seed, soyte):
    review_round = open_round()
    other_round = open_round(year=2023)
    login(client, "kontum.soyte")
    url = reverse("rewards:proposal_create", args=[review_round.pk])

    html = client.post(url, form_data(review_round, person_name=" ")).content.decode()
    assert "Họ và tên: đề nghị khen thưởng cá nhân phải có họ và tên" in html
    foreign_level = other_round.levels.first().pk
    html = client.post(url, form_data(review_round, level=foreign_level)).content.decode()
    assert "Hình thức đề nghị: không có trong đợt xét này." in html
    html = client.post(
        url, form_data(review_round, nominee_kind="locality", nominee_unit="")
    ).content.decode()
    assert "Địa phương được đề nghị: chọn địa phương." in html
    assert not Proposal.objects.exists()

    propose(review_round, locality="615")
    html = client.post(
        url, form_data(review_round, nominee_kind="locality", nominee_unit=district("615").pk)
    ).content.decode()
    assert "Đối tượng này đã được đề nghị khen thưởng trong đợt xét này" in html
    assert Proposal.objects.count() == 1


@time_machine.travel(AFTER_CLOSE)
def test_no_proposal_after_the_round_closed(client, kt_round, soyte):
    login(client, "kontum.soyte")
    detail = client.get(reverse("rewards:round_detail", args=[kt_round.pk])).content.decode()
    assert "Đã hết hạn nhận đề nghị" in detail and "Thêm đề nghị" not in detail
    url = reverse("rewards:proposal_create", args=[kt_round.pk])
    html = client.post(url, form_data(kt_round)).content.decode()
    assert "đã hết hạn nhận đề nghị ngày 15/01/2025" in html
    assert not Proposal.objects.exists()


@time_machine.travel(DURING)
def test_drafts_stay_with_their_agency_until_sent(client, kt_round, soyte):
    propose(kt_round, person="Lê Thị Bình")
    url = reverse("rewards:round_detail", args=[kt_round.pk])
    login(client, "kontum.thuongtruc")
    assert "Lê Thị Bình" not in client.get(url).content.decode()
    login(client, "kontum.soyte")
    assert "Lê Thị Bình" in client.get(url).content.decode()
