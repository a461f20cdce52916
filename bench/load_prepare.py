"""Run by bench/load.py with the server's environment (same database): picks who requests
what, prepares the sessions of the users of the submission scenario, counts what was stored.

    load_prepare.py plan <n_users>      → JSON on stdout
    load_prepare.py count <ids.json>    → number of those obligations with a sent report
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src")]


def setup():
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    import django

    django.setup()


def session_for(user) -> str:
    """A logged-in session made directly, as `Client.force_login` does: the 1,000 users of the
    burst are measured sending their report, not hashing their password (login is measured
    apart, in the first scenario)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def plan(n_users: int) -> dict:
    from collections import defaultdict

    from ansinh.accounts.enums import UserRole
    from ansinh.accounts.models import User
    from ansinh.org.models import Committee
    from ansinh.plans.models import TaskUnit
    from ansinh.reporting.models import Obligation

    committee = Committee.objects.filter(key="bcd-tinh").order_by("province__code").first()
    regime = committee.regimes.get()
    standing = User.objects.filter(agency=committee.standing_agency).order_by("username")
    officers = list(
        User.objects.filter(role=UserRole.AGENCY_OFFICER, agency__province=committee.province)
        .filter(agency__in=TaskUnit.objects.values("agency"))
        .order_by("username")
        .values_list("username", flat=True)
    )
    # Open obligations (nothing sent yet), each given to a different user of its agency.
    users = defaultdict(list)
    for pk, agency_id, name in User.objects.filter(
        agency__isnull=False, role__in=[UserRole.AGENCY_OFFICER, UserRole.STANDING_OFFICER]
    ).values_list("pk", "agency_id", "username"):
        users[agency_id].append((pk, name))
    open_by_agency = defaultdict(list)
    for pk, agency_id in (
        Obligation.objects.filter(submission__isnull=True, request__isnull=True)
        .order_by("due_date", "pk")
        .values_list("pk", "agency_id")
    ):
        open_by_agency[agency_id].append(pk)
    pairs = []  # (username, user pk, obligation pk): one obligation per user
    spare = []  # further open obligations of the same users, for the first scenario
    for agency_id, obligations in open_by_agency.items():
        people = users.get(agency_id, [])
        for i, obligation in enumerate(obligations):
            if i < len(people):
                pairs.append((people[i][1], people[i][0], obligation))
            elif people:
                spare.append((people[i % len(people)][1], people[i % len(people)][0], obligation))
    burst = pairs[:n_users]
    first = pairs[n_users:] + spare
    by_pk = {u.pk: u for u in User.objects.filter(pk__in=[p[1] for p in burst + first])}
    return {
        "province": committee.province_id,
        "regime": regime.pk,
        "standing": [u.username for u in standing],
        "officers": officers,
        "burst": [[session_for(by_pk[u]), o] for _, u, o in burst],
        "first": [[session_for(by_pk[u]), o] for _, u, o in first[:2000]],
    }


def count(ids: list[int]) -> int:
    from ansinh.reporting.enums import SubmissionStatus
    from ansinh.reporting.models import Submission

    return Submission.objects.filter(
        obligation_id__in=ids, status=SubmissionStatus.SUBMITTED
    ).count()


if __name__ == "__main__":
    setup()
    if sys.argv[1] == "plan":
        print(json.dumps(plan(int(sys.argv[2]))))
    else:
        print(count(json.loads(Path(sys.argv[2]).read_text())))
