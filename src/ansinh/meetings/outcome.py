"""The two rules of a meeting, as pure functions: is it quorate, and what did it decide.

Both return the numbers and the rule in words, so that the page shows how the result was
reached, not only the result (Thanh Hóa, Quy chế Điều 10.1: decisions by majority; where
opinions differ, the Head's opinion is the committee's conclusion).
"""

from dataclasses import dataclass, field

from ansinh.meetings.enums import DecisionBasis


@dataclass(frozen=True)
class Ballot:
    seat: int
    option: str
    by_substitute: bool = False


@dataclass
class Outcome:
    option: str | None
    basis: DecisionBasis
    tally: dict[str, int]
    counted: int
    ignored: int
    words: str
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[str, int, bool]]:
        return [(option, count, option == self.option) for option, count in self.tally.items()]


def decide(
    *,
    options: list[str],
    ballots: list[Ballot],
    chair_seat: int | None,
    chair_decides: bool,
    substitutes_count: bool,
) -> Outcome:
    """The majority of the counted opinions (more than half); failing that, the chair's opinion
    when the committee's rule says so; otherwise no decision."""
    counted = [b for b in ballots if substitutes_count or not b.by_substitute]
    ignored = len(ballots) - len(counted)
    tally = dict.fromkeys(options, 0)
    for ballot in counted:
        tally[ballot.option] = tally.get(ballot.option, 0) + 1
    notes = []
    if ignored:
        notes.append(
            f"{ignored} ý kiến của người họp thay được ghi nhận nhưng không tính: theo quy tắc "
            "của Ban Chỉ đạo, người họp thay dự họp để nắm tình hình và tiếp thu ý kiến."
        )
    total = len(counted)
    if total == 0:
        words = "Chưa có ý kiến nào của thành viên có mặt được ghi nhận."
        return Outcome(None, DecisionBasis.PENDING, tally, 0, ignored, words, notes)
    best, best_count = max(tally.items(), key=lambda item: item[1])
    if best_count * 2 > total:
        words = (
            f"Phương án “{best}” được {best_count}/{total} ý kiến của thành viên có mặt "
            "biểu quyết, quá một nửa: là kết luận theo đa số."
        )
        return Outcome(best, DecisionBasis.MAJORITY, tally, total, ignored, words, notes)
    split = _split_words(tally, total)
    chair = next((b for b in counted if b.seat == chair_seat), None)
    if chair_decides and chair is not None:
        words = (
            f"{split} Theo quy tắc của Ban Chỉ đạo, khi ý kiến khác nhau thì ý kiến của người "
            f"chủ trì là kết luận: người chủ trì chọn “{chair.option}”."
        )
        return Outcome(chair.option, DecisionBasis.CHAIR, tally, total, ignored, words, notes)
    if chair_decides:
        reason = "người chủ trì chưa nêu ý kiến nên chưa có kết luận."
    else:
        reason = (
            "Ban Chỉ đạo không áp dụng quy tắc ý kiến của người chủ trì là kết luận, "
            "nên chưa có kết luận."
        )
    return Outcome(None, DecisionBasis.NONE, tally, total, ignored, f"{split} {reason}", notes)


def _split_words(tally: dict[str, int], total: int) -> str:
    counts = "; ".join(f"“{option}”: {count}" for option, count in tally.items() if count)
    return f"Không phương án nào được quá một nửa trong {total} ý kiến ({counts})."


@dataclass
class Quorum:
    seats: int
    present: int
    needed: int
    met: bool
    words: str
    expected: bool = False


def quorum(
    *,
    seats: int,
    members_present: int,
    substitutes_present: int,
    percent: int,
    counts_substitutes: bool,
    expected: bool = False,
) -> Quorum:
    """More than `percent` % of the seats present; substitutes count only if the rule says so."""
    present = members_present + (substitutes_present if counts_substitutes else 0)
    needed = seats * percent // 100 + 1 if seats else 0
    share = "quá một nửa" if percent == 50 else f"quá {percent}%"
    who = (
        "tính cả người họp thay được Trưởng ban đồng ý"
        if counts_substitutes
        else "không tính người họp thay"
    )
    met = seats > 0 and present >= needed
    verdict = "đủ" if met else "chưa đủ"
    basis = "dự kiến theo trả lời giấy mời" if expected else "theo điểm danh"
    words = (
        f"Cuộc họp hợp lệ khi có {share} số thành viên được mời có mặt ({who}): cần {needed}/"
        f"{seats}; {basis} có {present} — {verdict}."
    )
    return Quorum(seats, present, needed, met, words, expected)
