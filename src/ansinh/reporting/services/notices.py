"""In-app notices for events someone should act on: a concern raised, a concern answered."""

from django.urls import reverse

from ansinh.accounts.models import User
from ansinh.reporting.models import Concern, Notice


def notices_send(*, users, title: str, body: str = "", url: str = "") -> int:
    rows = [Notice(user=u, title=title[:300], body=body, url=url) for u in users]
    Notice.objects.bulk_create(rows)
    return len(rows)


def _officers(agency, *, besides=None):
    users = User.objects.filter(agency=agency, is_active=True)
    return users.exclude(pk=besides.pk) if besides is not None else users


def notify_concern_raised(*, concern: Concern, user) -> int:
    standing = concern.committee.standing_agency
    return notices_send(
        users=_officers(standing, besides=user),
        title=f"Kiến nghị mới của {concern.agency.name}: {concern.title}",
        body=concern.content[:500],
        url=reverse("reporting:concern_detail", args=[concern.pk]),
    )


def notify_concern_answered(*, concern: Concern, user) -> int:
    return notices_send(
        users=_officers(concern.agency, besides=user),
        title=f"Cơ quan thường trực đã trả lời kiến nghị: {concern.title}",
        body=concern.answer[:500],
        url=reverse("reporting:concern_detail", args=[concern.pk]),
    )
