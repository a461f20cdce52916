"""Line charts drawn on the server as inline SVG (no JavaScript, nothing from the internet)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ansinh.core.vnformat import format_number
from ansinh.targets.enums import IndicatorKind
from ansinh.targets.rules import format_figure

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 14, 40


@dataclass
class ChartPoint:
    label: str
    value: Decimal


def _axis_label(value: Decimal, kind: str) -> str:
    """Short enough for the axis: amounts in tỷ (10⁹) đồng, counts whole."""
    if kind == IndicatorKind.AMOUNT:
        return f"{format_number(value / Decimal(10**9), 1)} tỷ"
    if kind == IndicatorKind.COUNT:
        return format_number(value)
    return format_number(value, 1)


def line_chart(
    *,
    title: str,
    points: list[ChartPoint],
    target: Decimal | None,
    kind: str = IndicatorKind.RATE,
) -> SafeString:
    """Rate (or year-to-date count or amount) over periods, with the target as a dashed line.
    Accessible: the title and a table-like description are in <title>/<desc>."""
    if not points:
        return format_html('<p class="text-body-secondary small">{}: chưa có số liệu.</p>', title)
    values = [p.value for p in points] + ([target] if target is not None else [])
    low, high = min(values), max(values)
    pad = max((high - low) * Decimal("0.15"), Decimal("0.5"))
    low, high = max(low - pad, Decimal(0)), high + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index: int) -> str:
        offset = plot_w * index / max(len(points) - 1, 1) if len(points) > 1 else plot_w / 2
        return f"{LEFT + offset:.1f}"

    def y(value: Decimal) -> str:
        return f"{TOP + float((high - value) / (high - low)) * plot_h:.1f}"

    parts = [
        format_html(
            '<svg viewBox="0 0 {} {}" width="100%" role="img" class="targets-chart">',
            WIDTH,
            HEIGHT,
        ),
        format_html("<title>{}</title>", title),
        format_html(
            "<desc>{}</desc>",
            "; ".join(f"{p.label}: {format_figure(p.value, kind)}" for p in points),
        ),
    ]
    for step in range(5):
        value = low + (high - low) * step / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#dee2e6"/>'
                '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#6c757d">'
                "{}</text>",
                LEFT,
                WIDTH - RIGHT,
                y(value),
                y(value),
                LEFT - 4,
                f"{float(y(value)) + 3:.1f}",
                _axis_label(value, kind),
            )
        )
    if target is not None:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#dc3545" '
                'stroke-dasharray="6 4" stroke-width="1.5"/>'
                '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#dc3545">'
                "Chỉ tiêu {}</text>",
                LEFT,
                WIDTH - RIGHT,
                y(target),
                y(target),
                WIDTH - RIGHT,
                f"{float(y(target)) - 4:.1f}",
                format_figure(target, kind),
            )
        )
    path = " ".join(f"{x(i)},{y(p.value)}" for i, p in enumerate(points))
    parts.append(
        format_html('<polyline points="{}" fill="none" stroke="#0d6efd" stroke-width="2"/>', path)
    )
    parts.append(
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="3" fill="#0d6efd"><title>{}: {}</title></circle>',
            (
                (x(i), y(p.value), p.label, format_figure(p.value, kind))
                for i, p in enumerate(points)
            ),
        )
    )
    every = max(1, len(points) // 8)
    parts.append(
        format_html_join(
            "",
            '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#495057">{}</text>',
            (
                (x(i), HEIGHT - BOTTOM + 16, p.label.replace("Tháng ", "T"))
                for i, p in enumerate(points)
                if i % every == 0 or i == len(points) - 1
            ),
        )
    )
    # Every part was built with format_html / format_html_join, which escape their arguments.
    return mark_safe("".join(str(p) for p in parts) + "</svg>")  # noqa: S308
