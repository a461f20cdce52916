from .admin_units import AdminUnit, AdminUnitSuccession
from .agencies import Agency, AgencyGroup
from .committees import Committee, CommitteeDecision, Membership
from .regulations import Clause, Duty, Regulation

__all__ = [
    "AdminUnit",
    "AdminUnitSuccession",
    "Agency",
    "AgencyGroup",
    "Clause",
    "Committee",
    "CommitteeDecision",
    "Duty",
    "Membership",
    "Regulation",
]
