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
  return html`<svg class="sparkline" viewBox="0 0 80 20" role="img" aria-label=${label} part="sparkline">
    ${svg`<polyline points=${sparklinePoints(values)} />`}
  </svg>`;
}
