import { html, nothing, svg, type TemplateResult } from 'lit';

const WIDTH = 80;
const HEIGHT = 20;
/** More points than this would not show at 80 units wide; longer series are thinned evenly. */
const MAX_POINTS = 40;

const round = (n: number) => Math.round(n * 10) / 10;

/** The polyline points of a series scaled into the sparkline box (newest on the right). */
export function sparklinePoints(values: readonly number[]): string {
  if (values.length === 0) return '';
  const stride = Math.ceil(values.length / MAX_POINTS);
  const kept = values.filter((_, index) => (values.length - 1 - index) % stride === 0);
  const max = Math.max(1, ...kept);
  const step = kept.length > 1 ? WIDTH / (kept.length - 1) : 0;
  let points = '';
  kept.forEach((value, index) => (points += `${round(index * step)},${round(HEIGHT - 1 - (value / max) * (HEIGHT - 2))} `));
  return points.trimEnd();
}

/** A small inline SVG trend line with a text alternative. */
export function sparkline(values: readonly number[], label: string): TemplateResult | typeof nothing {
  if (values.length === 0) return nothing;
  const points = sparklinePoints(values);
  // A line needs two samples: until the second one (a minute), the first shows as a dot at the newest end.
  return html`<svg class="sparkline" viewBox="0 0 80 20" role="img" aria-label=${label} part="sparkline">
    ${values.length > 1 ? svg`<polyline points=${points} />` : svg`<circle cx=${WIDTH} cy=${points.split(',')[1]} r="1.5" />`}
  </svg>`;
}
