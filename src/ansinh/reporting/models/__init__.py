from ansinh.reporting.models.regimes import ReportingRegime, ReportKind
from ansinh.reporting.models.submissions import Obligation, Submission

__all__ = ["Obligation", "ReportKind", "ReportingRegime", "Submission"]
