"""The outcome and quorum rules as pure functions: no database, every branch a user can meet."""

import pytest

from ansinh.meetings.enums import DecisionBasis
from ansinh.meetings.outcome import Ballot, decide, quorum

OPTIONS = ["Đồng ý", "Không đồng ý"]
CHAIR = 1


def ballots(*pairs, substitute_seats=()):
    return [Ballot(seat, option, seat in substitute_seats) for seat, option in pairs]


def outcome(votes, *, chair_decides=True, substitutes_count=False):
    return decide(
        options=OPTIONS,
        ballots=votes,
        chair_seat=CHAIR,
        chair_decides=chair_decides,
        substitutes_count=substitutes_count,
    )


def test_clear_majority_decides_whatever_the_chair_says():
    result = outcome(ballots((1, "Không đồng ý"), (2, "Đồng ý"), (3, "Đồng ý"), (4, "Đồng ý")))
    assert result.option == "Đồng ý"
    assert result.basis == DecisionBasis.MAJORITY
    assert result.tally == {"Đồng ý": 3, "Không đồng ý": 1}
    assert "3/4 ý kiến" in result.words and "quá một nửa" in result.words


def test_tie_is_broken_by_the_chair_when_the_rule_says_so():
    result = outcome(
        ballots((1, "Không đồng ý"), (2, "Đồng ý"), (3, "Đồng ý"), (4, "Không đồng ý"))
    )
    assert result.option == "Không đồng ý"
    assert result.basis == DecisionBasis.CHAIR
    assert "ý kiến của người chủ trì là kết luận" in result.words


def test_tie_without_the_chair_rule_gives_no_decision():
    votes = ballots((1, "Không đồng ý"), (2, "Đồng ý"), (3, "Đồng ý"), (4, "Không đồng ý"))
    result = outcome(votes, chair_decides=False)
    assert result.option is None
    assert result.basis == DecisionBasis.NONE
    assert "chưa có kết luận" in result.words


def test_split_with_the_chair_not_voting_gives_no_decision():
    result = outcome(ballots((2, "Đồng ý"), (3, "Không đồng ý")))
    assert result.option is None
    assert "người chủ trì chưa nêu ý kiến" in result.words


@pytest.mark.parametrize(
    ("substitutes_count", "option", "counted", "ignored"),
    [(False, "Đồng ý", 3, 2), (True, "Không đồng ý", 5, 0)],
)
def test_substitutes_opinions_count_only_when_the_rule_says_so(
    substitutes_count, option, counted, ignored
):
    votes = ballots(
        (1, "Đồng ý"),
        (2, "Đồng ý"),
        (3, "Không đồng ý"),
        (4, "Không đồng ý"),
        (5, "Không đồng ý"),
        substitute_seats={4, 5},
    )
    result = outcome(votes, substitutes_count=substitutes_count)
    assert (result.option, result.counted, result.ignored) == (option, counted, ignored)
    assert bool(result.notes) is (ignored > 0)


def test_quorum_needs_more_than_half_and_says_whether_substitutes_count():
    without = quorum(
        seats=25, members_present=12, substitutes_present=3, percent=50, counts_substitutes=False
    )
    assert (without.needed, without.present, without.met) == (13, 12, False)
    assert "không tính người họp thay" in without.words and "chưa đủ" in without.words
    counted = quorum(
        seats=25, members_present=12, substitutes_present=3, percent=50, counts_substitutes=True
    )
    assert (counted.present, counted.met) == (15, True)
