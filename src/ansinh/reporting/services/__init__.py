from ansinh.reporting.services.obligations import obligations_generate
from ansinh.reporting.services.regimes import regime_load, regime_problems, regime_reporters
from ansinh.reporting.services.submissions import (
    CONFLICT,
    submission_start,
    submission_transition,
    submission_update,
)

__all__ = [
    "CONFLICT",
    "obligations_generate",
    "regime_load",
    "regime_problems",
    "regime_reporters",
    "submission_start",
    "submission_transition",
    "submission_update",
]
