from ansinh.compliance.models.arrears import ArrearsLine, ArrearsStatement
from ansinh.compliance.models.employers import (
    Employer,
    PartnerMapping,
    RegistryRecord,
    RegistrySnapshot,
)
from ansinh.compliance.models.inspections import Disclosure, DisclosureEntry, InspectionCase
from ansinh.compliance.models.reconciliation import (
    Finding,
    MatchCandidate,
    MatchDecision,
    Reconciliation,
)

__all__ = [
    "ArrearsLine",
    "ArrearsStatement",
    "Disclosure",
    "DisclosureEntry",
    "Employer",
    "Finding",
    "InspectionCase",
    "MatchCandidate",
    "MatchDecision",
    "PartnerMapping",
    "Reconciliation",
    "RegistryRecord",
    "RegistrySnapshot",
]
