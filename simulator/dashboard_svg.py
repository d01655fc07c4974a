"""The dashboard's charts, drawn on the server as inline SVG (no script library, nothing fetched at run time).

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` saying in words what it shows, and a
`<title>` on every bar or point for its exact figure; the page puts a table with the same figures after it.
Every text that came from a request (operation names) is escaped here.
"""
from __future__ import annotations

from datetime import datetime

from markupsafe import Markup, escape

from domain.shared.payment_states import PaymentState
from simulator.dashboard_figures import OperationFigures, StateBucket

STATE_COLORS = {
    PaymentState.APPROVED: "#1f7a3a", PaymentState.DECLINED: "#b03a2e", PaymentState.PENDING_START: "#7b8794",
    PaymentState.PENDING_FINISH: "#d08b00", PaymentState.REJECTED: "#7d1f1f", PaymentState.BANK_ERROR: "#e05d44",
    PaymentState.REVIEW_REJECTED: "#6c3483", PaymentState.REVIEW_PENDING: "#c49a00", PaymentState.REVIEW_ERROR: "#922b21",
}
WIDTH = 640
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    return Markup(
        f'<svg id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" {FONT}>'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        + "".join(body) + "</svg>")


def _bucket_label(start: datetime, width_s: int) -> str:
    if width_s >= 86400:
        return start.strftime("%d/%m")
    return start.strftime("%H:%M:%S" if width_s < 60 else "%H:%M")


def payments_chart(width_s: int, buckets: list[StateBucket], totals: list[tuple[PaymentState, int]]) -> Markup:
    """Stacked bars: payments started in each slice of time, by their current state; a legend below."""
    total = sum(count for _, count in totals)
    desc = "Sin pagos." if not total else (
        f"{total} pagos en {len(buckets)} intervalos de {width_s} s. Por estado: "
        + "; ".join(f"{int(s)} {s.label}: {c}" for s, c in totals) + ".")
    left, top, plot_h, legend_rows = 36, 10, 150, (len(totals) + 2) // 3
    height = top + plot_h + 24 + 18 * legend_rows + 6
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 6}" y2="{top + plot_h}" stroke="#9aa7b4"/>']
    peak = max((sum(b.counts.values()) for b in buckets), default=0)
    if buckets and peak:
        slot = (WIDTH - left - 6) / len(buckets)
        bar = min(48.0, max(2.0, slot * 0.7))
        body.append(f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>'
                    f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>')
        for i, bucket in enumerate(buckets):
            x, y = left + i * slot + (slot - bar) / 2, top + plot_h
            for state in PaymentState:
                count = bucket.counts.get(state, 0)
                if not count:
                    continue
                h = plot_h * count / peak
                y -= h
                label = f"{_bucket_label(bucket.start, width_s)} · {int(state)} {state.label}: {count}"
                body.append(f'<rect class="barra estado-{int(state)}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                            f'height="{h:.1f}" fill="{STATE_COLORS[state]}"><title>{escape(label)}</title></rect>')
            if i % max(1, len(buckets) // 6) == 0:
                body.append(f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                            f'{_bucket_label(bucket.start, width_s)}</text>')
    else:
        body.append(f'<text x="{WIDTH / 2}" y="{top + plot_h / 2}" text-anchor="middle">Aún no hay pagos</text>')
    for n, (state, count) in enumerate(totals):
        x, y = 8 + (n % 3) * 210, top + plot_h + 30 + 18 * (n // 3)
        body.append(f'<g class="leyenda" data-estado="{int(state)}"><rect x="{x}" y="{y - 9}" width="10" height="10" '
                    f'fill="{STATE_COLORS[state]}"/><text x="{x + 14}" y="{y}">{int(state)} {escape(state.label)}: '
                    f'{count}</text></g>')
    return _svg("grafico-pagos", "Pagos por estado en el tiempo", desc, height, body)


def bars_chart(chart_id: str, title: str, rows: list[tuple[str, float, str]], unit: str,
               second: list[float] | None = None) -> Markup:
    """Horizontal bars, one row per label; `second` draws a lighter bar behind each (p95 behind p50)."""
    desc = "Sin datos." if not rows else "; ".join(f"{label}: {text}" for label, _, text in rows) + "."
    label_w, row_h = 190, 22
    height = 10 + row_h * max(1, len(rows))
    peak = max([v for _, v, _ in rows] + (second or []) + [0.0])
    body = []
    if not rows:
        body.append(f'<text x="{WIDTH / 2}" y="24" text-anchor="middle">Sin solicitudes registradas</text>')
    for n, (label, value, text) in enumerate(rows):
        y = 6 + n * row_h
        span = WIDTH - label_w - 90
        shown = label if len(label) <= 30 else label[:29] + "…"
        body.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(shown)}</text>')
        if second is not None and peak:
            body.append(f'<rect x="{label_w}" y="{y + 2}" width="{span * second[n] / peak:.1f}" height="14" '
                        f'fill="#b8cde0"/>')
        w = span * value / peak if peak else 0
        body.append(f'<rect class="barra" data-operacion="{escape(label)}" x="{label_w}" y="{y + 2}" width="{w:.1f}" '
                    f'height="14" fill="#0b4f8a"><title>{escape(label)}: {escape(text)}</title></rect>'
                    f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{escape(text)} {unit}</text>')
    return _svg(chart_id, title, desc, height, body)


def rate_chart(operations: list[OperationFigures]) -> Markup:
    rows = [(f.operation, f.per_second, f"{f.per_second:.2f}") for f in operations]
    return bars_chart("grafico-rps", "Solicitudes por segundo por operación (último minuto)", rows, "/s")


def latency_chart(operations: list[OperationFigures]) -> Markup:
    rows = [(f.operation, f.p50_ms, f"p50 {f.p50_ms:.1f} · p95 {f.p95_ms:.1f}") for f in operations]
    return bars_chart("grafico-latencia", "Latencia por operación: mediana (oscuro) y p95 (claro), en ms", rows,
                      "ms", second=[f.p95_ms for f in operations])


def traffic_chart(points: list[tuple[datetime, float]]) -> Markup:
    """Requests per second over the last minutes, as a line."""
    top, plot_h, left = 10, 90, 36
    peak = max((v for _, v in points), default=0.0)
    desc = f"Máximo {peak:.2f} solicitudes por segundo en los últimos {len(points) * 10} s."
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 6}" y2="{top + plot_h}" stroke="#9aa7b4"/>',
            f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak:.1f}</text>']
    if points:
        step = (WIDTH - left - 6) / max(1, len(points) - 1)
        coords = [(left + i * step, top + plot_h - (plot_h * v / peak if peak else 0)) for i, (_, v) in enumerate(points)]
        body.append('<polyline fill="none" stroke="#0b4f8a" stroke-width="2" points="'
                    + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
        for (at, value), (x, y) in zip(points, coords):
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#0b4f8a"><title>{at:%H:%M:%S}: '
                        f'{value:.2f}/s</title></circle>')
        body.append(f'<text x="{left}" y="{top + plot_h + 14}">{points[0][0]:%H:%M:%S}</text>'
                    f'<text x="{WIDTH - 6}" y="{top + plot_h + 14}" text-anchor="end">{points[-1][0]:%H:%M:%S}</text>')
    return _svg("grafico-trafico", "Solicitudes por segundo, últimos 5 minutos", desc, top + plot_h + 20, body)
