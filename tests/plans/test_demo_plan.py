"""The Kon Tum 2024 plan as the demo loads it: every task of Phụ lục 2, in order, units resolved."""

from django.core.management import call_command

from ansinh.org.models import Agency
from ansinh.plans.enums import UnitRole
from ansinh.plans.models import Plan, Task, TaskGroup, TaskUnit
from ansinh.plans.selectors import task_agencies


def test_the_whole_appendix_is_loaded_in_document_order(plan):
    groups = list(plan.groups.order_by("position").values_list("number", flat=True))
    assert groups == ["I", "II", "III", "a)", "b)", "c)", "*", "*", "IV", "V", "VI", "VI", "VIII"]
    assert plan.tasks.count() == 76
    first = plan.tasks.order_by("position").first()
    assert first.number == "1" and first.group.number == "I"
    assert first.content.startswith("Tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch truyền thông")
    # Both groups numbered "VI" are kept, each with its own tasks.
    six = list(plan.groups.filter(number="VI").order_by("position"))
    assert len(six) == 2 and all(g.tasks.exists() for g in six)
    sub = plan.groups.get(number="a)")
    assert sub.parent.number == "III"


def test_every_unit_name_of_the_plan_is_recognised(plan):
    assert not TaskUnit.objects.filter(agency__isnull=True, agency_group__isnull=True).exists()
    assert not plan.tasks.exclude(units__role=UnitRole.LEAD).exists()


def test_collective_wording_kept_and_expanded_to_agencies(plan):
    task = plan.tasks.get(position=1)
    assert task.coordinators_text.startswith("Các Sở, ban, ngành, Hội, đoàn thể liên quan")
    agencies = task_agencies(task=task)
    assert [a.name for a in agencies.lead] == ["Sở Thông tin và Truyền thông tỉnh Kon Tum"]
    names = {a.name for a in agencies.coordinators}
    assert "Sở Y tế tỉnh Kon Tum" in names  # through "Các Sở, ban, ngành, …"
    assert "Bảo hiểm xã hội tỉnh Kon Tum" in names
    districts = Agency.objects.filter(
        province=plan.committee.province, kind="district_people_committee"
    )
    assert districts.count() == 10 and all(d.name in names for d in districts)


def test_timeframes_parsed(plan):
    assert plan.tasks.filter(recurring=True).count() > 60
    assert plan.tasks.filter(timeframe="Quý 2/2024", due_date="2024-06-30").exists()
    assert plan.tasks.filter(timeframe="Tháng 8/2024", due_date="2024-08-31").exists()


def test_loading_twice_changes_nothing(plan):
    before = (Plan.objects.count(), TaskGroup.objects.count(), Task.objects.count())
    call_command("load_demo_plans", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Plan.objects.count(), TaskGroup.objects.count(), Task.objects.count()) == before
