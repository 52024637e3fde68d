import { html, nothing, svg, type TemplateResult } from 'lit';

const WIDTH = 80;
const HEIGHT = 20;
const VIEW_BOX = `0 0 ${WIDTH} ${HEIGHT}`;
/** More points than this would not show at 80 units wide; longer series are thinned evenly. */
const MAX_POINTS = 40;

const round = (n: number) => Math.round(n * 10) / 10;

/** A series scaled into the sparkline box (newest on the right), as points in its coordinates. */
export function sparklinePoints(values: readonly number[]): { x: number; y: number }[] {
  const stride = Math.ceil(values.length / MAX_POINTS);
  const kept = values.filter((_, index) => (values.length - 1 - index) % stride === 0);
  const max = Math.max(1, ...kept);
  const step = kept.length > 1 ? WIDTH / (kept.length - 1) : 0;
  return kept.map((value, index) => ({ x: round(index * step), y: round(HEIGHT - 1 - (value / max) * (HEIGHT - 2)) }));
}

/** A small inline SVG trend line with a text alternative. */
export function sparkline(values: readonly number[], label: string): TemplateResult | typeof nothing {
  const points = sparklinePoints(values);
  if (points.length === 0) return nothing;
  // A line needs two samples: until the second one (a minute), the first shows as a dot at the newest end.
  return html`<svg class="sparkline" viewBox=${VIEW_BOX} role="img" aria-label=${label} part="sparkline">
    ${points.length > 1
      ? svg`<polyline points=${points.map(({ x, y }) => `${x},${y}`).join(' ')} />`
      : svg`<circle cx=${WIDTH} cy=${points[0]!.y} r="1.5" />`}
  </svg>`;
}
