"""The province's rewards data file (data/rewards/<tỉnh>.yaml): who proposes, the commendation
levels and the eligibility rules. Read and checked here; every problem names the file and key."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from ansinh.org.models import Agency, Committee
from ansinh.rewards.enums import NomineeKind

FORMAT = "ansinh.rewards/1"
RULE_KEYS = {
    "reports_on_time_min_percent",
    "tasks_on_time_min_percent",
    "targets_met_min",
    "no_arrears",
}


class ConfigProblem(Exception):
    pass


@dataclass
class Level:
    key: str
    name: str
    authority: str
    nominees: list[str]


@dataclass
class RewardsConfig:
    name: str
    province: str
    committee: str
    source: str
    proposers: list[str]
    levels: list[Level]
    rules: dict
    demo: dict = field(default_factory=dict)


def _percent(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ConfigProblem(f"{where}: phải là số nguyên từ 0 đến 100, đang là “{value}”.")
    return value


def _rules(raw, name: str) -> dict:
    if not isinstance(raw, dict):
        raise ConfigProblem(f"{name}, mục rules: phải là danh sách tiêu chí dạng khóa: giá trị.")
    unknown = sorted(set(raw) - RULE_KEYS)
    if unknown:
        raise ConfigProblem(
            f"{name}, mục rules: không biết tiêu chí “{unknown[0]}” (dùng: "
            f"{', '.join(sorted(RULE_KEYS))})."
        )
    for key in ("reports_on_time_min_percent", "tasks_on_time_min_percent"):
        if key in raw:
            _percent(raw[key], f"{name}, rules.{key}")
    met = raw.get("targets_met_min")
    if met is not None and met != "all" and (isinstance(met, bool) or not isinstance(met, int)):
        raise ConfigProblem(
            f"{name}, rules.targets_met_min: ghi “all” hoặc một số nguyên, đang là “{met}”."
        )
    if "no_arrears" in raw and not isinstance(raw["no_arrears"], bool):
        raise ConfigProblem(f"{name}, rules.no_arrears: ghi true hoặc false.")
    return dict(raw)


def read_config(text: str, name: str) -> RewardsConfig:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigProblem(f"{name}: không đọc được YAML ({error}).") from error
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ConfigProblem(f"{name}: tệp phải bắt đầu bằng “format: {FORMAT}”.")
    for key in ("province", "committee", "proposers", "levels"):
        if not raw.get(key):
            raise ConfigProblem(f"{name}: thiếu mục “{key}”.")
    levels = []
    for index, entry in enumerate(raw["levels"], start=1):
        where = f"{name}, levels mục {index}"
        if not isinstance(entry, dict) or not entry.get("key") or not entry.get("name"):
            raise ConfigProblem(f"{where}: cần có key và name.")
        nominees = entry.get("nominees") or list(NomineeKind.values)
        bad = [n for n in nominees if n not in NomineeKind.values]
        if bad:
            raise ConfigProblem(
                f"{where}: đối tượng “{bad[0]}” không hợp lệ (dùng unit, locality, individual)."
            )
        levels.append(Level(entry["key"], entry["name"], entry.get("authority", ""), nominees))
    keys = [level.key for level in levels]
    if len(set(keys)) != len(keys):
        raise ConfigProblem(f"{name}, levels: có mã hình thức khen thưởng bị lặp.")
    return RewardsConfig(
        name=name,
        province=str(raw["province"]),
        committee=raw["committee"],
        source=" ".join(str(raw.get("source", "")).split()),
        proposers=[str(p) for p in raw["proposers"]],
        levels=levels,
        rules=_rules(raw.get("rules") or {}, name),
        demo=raw.get("demo") or {},
    )


def data_files() -> list[Path]:
    return sorted((Path(settings.SEED_DATA_DIR) / "rewards").glob("*.yaml"))


def config_for(committee: Committee) -> RewardsConfig:
    """The data file naming this committee's province and key."""
    for path in data_files():
        config = read_config(path.read_text("utf-8"), path.name)
        if config.province == committee.province.code and config.committee == committee.key:
            return config
    raise ConfigProblem(
        f"Chưa có tệp dữ liệu khen thưởng (data/rewards/*.yaml) cho {committee.name}: cần nêu cơ "
        "quan đề xuất, hình thức khen thưởng và tiêu chí trước khi mở đợt xét."
    )


def proposer_agencies(config: RewardsConfig, committee: Committee) -> list[Agency]:
    agencies = {
        a.key: a
        for a in Agency.objects.filter(province_id=committee.province_id, key__in=config.proposers)
    }
    missing = [key for key in config.proposers if key not in agencies]
    if missing:
        raise ConfigProblem(
            f"{config.name}, proposers: không có cơ quan mã “{missing[0]}” trong tỉnh "
            f"{committee.province.name}."
        )
    return [agencies[key] for key in config.proposers]
