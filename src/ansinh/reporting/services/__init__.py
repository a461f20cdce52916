from ansinh.reporting.services.adhoc import adhoc_request_create
from ansinh.reporting.services.concerns import (
    concern_answer,
    concern_from_submission,
    concern_raise,
)
from ansinh.reporting.services.consolidated import (
    consolidated_generate,
    report_template_activate,
    report_template_upload,
)
from ansinh.reporting.services.obligations import obligations_generate
from ansinh.reporting.services.regime_edit import KindSpec, regime_update
from ansinh.reporting.services.regimes import regime_load, regime_problems, regime_reporters
from ansinh.reporting.services.reminders import (
    notice_mark_read,
    notices_mark_all_read,
    reminders_send,
)
from ansinh.reporting.services.submissions import (
    CONFLICT,
    submission_draft,
    submission_save,
    submission_transition,
)

__all__ = [
    "CONFLICT",
    "KindSpec",
    "adhoc_request_create",
    "concern_answer",
    "concern_from_submission",
    "concern_raise",
    "consolidated_generate",
    "notice_mark_read",
    "notices_mark_all_read",
    "obligations_generate",
    "regime_load",
    "regime_problems",
    "regime_reporters",
    "regime_update",
    "reminders_send",
    "report_template_activate",
    "report_template_upload",
    "submission_draft",
    "submission_save",
    "submission_transition",
]
