"""A monthly trend as a small server-rendered SVG: no script, no CDN, readable without colour."""

from collections.abc import Callable
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 36, 28, 10


def trend_svg(
    points: list[tuple[str, Decimal | None, int]],
    title: str,
    *,
    threshold: Decimal | None = None,
    meets: Callable[[Decimal], bool] | None = None,
) -> SafeString:
    """Bars per month (label, index or None, responses) with the target's threshold as a dashed line.

    ``meets`` is the target's own comparison, so a bar is green exactly when the index meets the target;
    without a target the bars are neutral and there is no line."""
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(points), 1)

    def y(value: Decimal) -> float:
        return TOP + plot_height * (1 - float(value) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" class="trend scalable-figure">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 50, 100):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH}" y1="{y(Decimal(tick)):.1f}" y2="{y(Decimal(tick)):.1f}" stroke="#ccc"/>'
            f'<text x="{LEFT - 4}" y="{y(Decimal(tick)) + 4:.1f}" font-size="11" text-anchor="end">{tick}</text>'
        )
    for position, (label, value, responses) in enumerate(points):
        x = LEFT + position * slot
        if value is not None:
            top = y(value)
            colour = "#455a64" if meets is None else ("#2e7d32" if meets(value) else "#c62828")
            parts.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{top:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{TOP + plot_height - top:.1f}" fill="{colour}"><title>{escape(label)}: {value}% '
                f"({responses})</title></rect>"
                f'<text x="{x + slot / 2:.1f}" y="{top - 3:.1f}" font-size="10" text-anchor="middle">'
                f"{value:.0f}</text>"
            )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 10}" font-size="11" text-anchor="middle">{escape(label)}</text>'
        )
    if threshold is not None:
        line = y(threshold)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH}" y1="{line:.1f}" y2="{line:.1f}" stroke="#000" '
            f'stroke-dasharray="6 4"/><text x="{WIDTH - 2}" y="{line - 3:.1f}" font-size="11" '
            f'text-anchor="end">{format(threshold.normalize(), "f")}%</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every interpolated text is escaped above)
