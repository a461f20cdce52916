"""The main navigation. Each capability adds its entry here when it exists."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str
    # Dotted path of a `user -> bool` check, for an entry only some roles may open (imported
    # when the menu is drawn, so that this module imports no capability).
    shown_to: str = ""


ITEMS = [
    NavItem("Tổng quan", "core:dashboard", "dashboard", "ansinh.core.dashboard.may_see_dashboard"),
    NavItem("Ban Chỉ đạo", "core:home", "committee"),
    NavItem("Kế hoạch", "plans:plan_list", "plans"),
    NavItem("Nhiệm vụ của đơn vị", "plans:my_tasks", "my_tasks"),
    NavItem("Chỉ tiêu", "targets:attainment", "targets"),
    NavItem("Báo cáo", "reporting:my_reports", "reports"),
    NavItem("Kiến nghị", "reporting:concern_list", "concerns"),
    NavItem("Cuộc họp", "meetings:meeting_list", "meetings"),
    NavItem("Khen thưởng", "rewards:round_list", "rewards"),
    NavItem("Quỹ KCB BHYT", "healthfund:facility_list", "healthfund"),
    NavItem("Đôn đốc thu", "compliance:home", "compliance", "ansinh.compliance.perms.may_open"),
    NavItem("Quy chế", "org:regulation_current", "regulation"),
    NavItem("Cơ quan", "org:agency_list", "agencies"),
    NavItem("Nhóm cơ quan", "org:group_list", "groups"),
    NavItem("Đơn vị hành chính", "org:adminunit_list", "adminunits"),
]
