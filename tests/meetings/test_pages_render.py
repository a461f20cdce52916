"""Every meetings page, on the demo data, as the standing agency, a leader and a member: it
renders without an undefined template variable, or refuses with 403."""

import datetime as dt
import io

import time_machine
from django.core.management import call_command
from django.urls import reverse

from ansinh.meetings.models import Decision, Meeting
from tests.conftest import login

DEMO_DAY = dt.datetime(2026, 11, 23, 9, 0)


def pages():
    held = Meeting.objects.get(committee__province__code="38")
    upcoming = Meeting.objects.get(committee__province__code="62")
    decision = Decision.objects.get(meeting=held)
    item = held.agenda.first()
    invitation = upcoming.invitations.get(membership__agency__key="so-tttt")
    return [
        ("meetings:meeting_list", []),
        ("meetings:meeting_detail", [held.pk]),
        ("meetings:meeting_detail", [upcoming.pk]),
        ("meetings:meeting_create", [held.committee_id]),
        ("meetings:meeting_create", [upcoming.committee_id]),
        ("meetings:rules_edit", [held.committee_id]),
        ("meetings:agenda_item_create", [upcoming.pk]),
        ("meetings:agenda_item_edit", [held.pk, item.pk]),
        ("meetings:attendance", [held.pk]),
        ("meetings:decision_create", [held.pk]),
        ("meetings:decision_detail", [held.pk, decision.pk]),
        ("meetings:invitation_answer", [upcoming.pk, invitation.pk]),
    ]


USERS = ["thanhhoa.thuongtruc", "thanhhoa.lanhdao", "kontum.thuongtruc", "kontum.sotttt"]


@time_machine.travel(DEMO_DAY)
def test_every_page_renders_or_refuses(client, seed):
    call_command("load_demo_meetings", stdout=io.StringIO())
    seen = {}
    for username in USERS:
        login(client, username)
        for name, args in pages():
            response = client.get(reverse(name, args=args))
            seen[(username, name, tuple(args))] = response.status_code
            assert response.status_code in (200, 403, 404), (username, name, response.status_code)
            assert b"INVALID<" not in response.content, (username, name)
    held = Meeting.objects.get(committee__province__code="38")
    assert seen[("thanhhoa.thuongtruc", "meetings:attendance", (held.pk,))] == 200
    assert seen[("thanhhoa.lanhdao", "meetings:meeting_detail", (held.pk,))] == 200
    assert seen[("kontum.sotttt", "meetings:meeting_detail", (held.pk,))] == 404
