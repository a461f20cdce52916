"""Background work of the compliance capability, run by the configured django-tasks backend
(in-process by default, a shared queue in production; docs/decisions/0007)."""

from django_tasks import task

from ansinh.accounts.models import User
from ansinh.compliance.models import Reconciliation
from ansinh.compliance.services_reconcile import reconciliation_run


@task()
def reconciliation_task(*, run_id: int, user_id: int | None = None) -> int:
    """Run a queued reconciliation; the run row carries the progress the page polls. Takes ids,
    not objects, because a queue backend stores the arguments as JSON."""
    run = Reconciliation.objects.select_related("province").get(pk=run_id)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    return reconciliation_run(province=run.province, user=user, run=run).pk
