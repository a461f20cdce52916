"""Reads for the reconciliation pages: runs, the review queue and the decisions taken."""

from django.db.models import Q

from ansinh.compliance.enums import MatchStatus
from ansinh.compliance.models import MatchCandidate, MatchDecision, Reconciliation

SCORE_BANDS = {
    "cao": ("Từ 0,8", 0.8, 1.01),
    "vua": ("0,7 đến dưới 0,8", 0.7, 0.8),
    "thap": ("Dưới 0,7", 0.0, 0.7),
}


def runs(province):
    return Reconciliation.objects.filter(province=province)


def latest_run(province):
    return runs(province).filter(status="xong").first()


def review_queue(province, *, source="", locality="", band=""):
    """Pending pairs of the newest finished run, best first."""
    run = latest_run(province)
    if run is None:
        return MatchCandidate.objects.none()
    pairs = (
        MatchCandidate.objects.filter(run=run, status=MatchStatus.PENDING)
        .select_related("record__snapshot", "record__admin_unit", "employer__admin_unit")
        .order_by("-score", "pk")
    )
    if source:
        pairs = pairs.filter(record__snapshot__source=source)
    if locality:
        pairs = pairs.filter(
            Q(record__admin_unit_id=locality) | Q(record__admin_unit__parent_id=locality)
        )
    if band in SCORE_BANDS:
        _, low, high = SCORE_BANDS[band]
        pairs = pairs.filter(score__gte=low, score__lt=high)
    return pairs


def decisions(province):
    return MatchDecision.objects.filter(province=province).select_related("employer")
