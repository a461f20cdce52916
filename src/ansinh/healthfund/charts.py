"""The burn-down chart: cumulative insurance-paid spending in % of the budget, drawn with the
targets' inline SVG line chart (the budget is its 100 % line)."""

from decimal import Decimal

from ansinh.targets.charts import ChartPoint, line_chart


def burn_chart(burn, *, title: str):
    if not burn.budget:
        return ""
    points = [ChartPoint(f"Tháng {m.month}", m.percent) for m in burn.months]
    return line_chart(title=title, points=points, target=Decimal(100))
