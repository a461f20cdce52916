"""Background work of the reporting capability, run by the configured django-tasks backend
(in-process by default, a shared queue in production; docs/decisions/0007)."""

from django_tasks import task

from ansinh.accounts.models import User
from ansinh.reporting.models import ReportKind
from ansinh.reporting.services.consolidated import consolidated_generate


@task()
def consolidated_generate_task(*, kind_id: int, year: int, number: int, user_id: int) -> int:
    """Generate a consolidated report draft; returns its id. Takes ids, not objects, because a
    queue backend stores the arguments as JSON."""
    kind = ReportKind.objects.select_related("regime__committee__province").get(pk=kind_id)
    user = User.objects.filter(pk=user_id).first()
    return consolidated_generate(kind=kind, year=year, number=number, user=user).pk
