from ansinh.reporting.models.adhoc import AdHocRequest
from ansinh.reporting.models.concerns import Concern
from ansinh.reporting.models.consolidated import ConsolidatedReport, ReportTemplate
from ansinh.reporting.models.regimes import ReportingRegime, ReportKind
from ansinh.reporting.models.reminders import Notice, ReminderDigest
from ansinh.reporting.models.submissions import Attachment, Obligation, Submission

__all__ = [
    "AdHocRequest",
    "Attachment",
    "Concern",
    "ConsolidatedReport",
    "Notice",
    "Obligation",
    "ReminderDigest",
    "ReportKind",
    "ReportTemplate",
    "ReportingRegime",
    "Submission",
]
