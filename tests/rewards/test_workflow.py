"""Draft → sent → reviewed by the standing agency → approved or not by a leader, in history."""

import pytest
import time_machine
from django.urls import reverse

from ansinh.reporting.models import Notice
from ansinh.rewards.models import Proposal
from tests.conftest import login
from tests.rewards.conftest import DURING, propose


@pytest.fixture
def act(client, django_capture_on_commit_callbacks):
    """Post an action on a proposal; the notices it sends once committed go out too."""

    def post(proposal, action, note=""):
        url = reverse("rewards:proposal_action", args=[proposal.pk, action])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"note": note})

    return post


def status(proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).status


@time_machine.travel(DURING)
def test_proposal_goes_through_review_and_approval(client, act, kt_round, soyte):
    proposal = propose(kt_round, person="Đỗ Thị Lan")
    detail = reverse("rewards:proposal_detail", args=[proposal.pk])
    login(client, "kontum.soyte")
    assert act(proposal, "approve").status_code == 403
    act(proposal, "submit")
    assert status(proposal) == "submitted"

    login(client, "kontum.thuongtruc")
    assert Notice.objects.filter(user__username="kontum.thuongtruc").exists()
    act(proposal, "return")
    assert "Lý do trả lại: phải nêu lý do." in act(proposal, "return").content.decode()
    act(proposal, "return", "Bổ sung số liệu thành tích.")
    assert status(proposal) == "returned"

    login(client, "kontum.soyte")
    html = client.get(detail).content.decode()
    assert "Bổ sung số liệu thành tích." in html and "Sửa đề nghị" in html
    edit = client.get(reverse("rewards:proposal_edit", args=[proposal.pk])).content.decode()
    assert 'value="Đỗ Thị Lan"' in edit
    act(proposal, "submit")
    login(client, "kontum.thuongtruc")
    assert act(proposal, "approve").status_code == 403  # leaders approve
    act(proposal, "agree", "Đủ điều kiện.")
    assert status(proposal) == "agreed"
    act(proposal, "agree")  # a second click says why nothing happens
    assert status(proposal) == "agreed"

    login(client, "kontum.lanhdao")
    assert Notice.objects.filter(user__username="kontum.lanhdao").exists()
    act(proposal, "approve", "Đồng ý.")
    assert status(proposal) == "approved"
    html = client.get(detail).content.decode()
    assert "Được phê duyệt" in html
    history = html.split('id="history-title"')[1]
    assert history.count("<strong>trạng thái</strong>") >= 6 and str(soyte) in history
    assert Notice.objects.filter(user=soyte, title__contains="được phê duyệt").exists()


@time_machine.travel(DURING)
def test_leader_refuses_with_a_reason_and_other_provinces_see_nothing(client, act, kt_round, soyte):
    proposal = propose(kt_round, unit="so-tttt")
    login(client, "kontum.soyte")
    act(proposal, "submit")
    login(client, "kontum.thuongtruc")
    act(proposal, "agree")
    login(client, "thanhhoa.lanhdao")
    assert act(proposal, "reject", "Không").status_code == 404
    detail = reverse("rewards:proposal_detail", args=[proposal.pk])
    assert client.get(detail).status_code == 404
    login(client, "kontum.lanhdao")
    assert "Lý do không phê duyệt: phải nêu lý do." in act(proposal, "reject").content.decode()
    act(proposal, "reject", "Chưa tiêu biểu.")
    assert status(proposal) == "rejected"
    assert "Chưa tiêu biểu." in client.get(detail).content.decode()
