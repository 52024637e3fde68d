import { css } from 'lit';

export const queueStatsStyles = css`
  /* The containing block of the chooser: anchored at its end, the chooser is never wider than the element. */
  .toolbar { position: relative; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--_space); }
  .title { margin: 0; font-size: 1em; font-weight: 600; }
  summary { cursor: pointer; padding: 0.25em 0.5em; border: 1px solid var(--_border); border-radius: var(--_radius); }
  .chooser {
    outline: none; position: absolute; inset-inline-end: 0; z-index: 1; margin-top: 2px;
    display: flex; flex-wrap: wrap; gap: var(--_space); padding: var(--_space);
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  fieldset { margin: 0; padding: 0; border: 0; display: grid; gap: 0.25em; align-content: start; flex: 1 auto; }
  legend { font-weight: 600; padding: 0 0 0.25em; }
  /* Each checkbox row is a 24 px target (WCAG 2.5.8): the checkbox alone is 13 px. */
  label { display: flex; gap: 0.5em; align-items: center; min-height: 24px; }
  /*
   * Shadows at an edge with more columns beyond: covers that scroll with the table hide them at its ends. The shadow is
   * a tint of the text colour, which shows on a dark surface as on a light one.
   */
  .scroll {
    --_cover: var(--_surface);
    --_shadow: color-mix(in srgb, var(--_text) 35%, #0000);
    overflow: auto; max-height: var(--tr-queue-stats-max-height, 70vh); border: 1px solid var(--_border); border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_cover) 30%, #0000) local, linear-gradient(-90deg, var(--_cover) 30%, #0000) 100% local,
      linear-gradient(90deg, var(--_shadow), #0000), linear-gradient(-90deg, var(--_shadow), #0000) 100%;
    background-size: 2em, 2em, 0.75em, 0.75em;
    background-repeat: no-repeat;
  }
  /* Forced colours drop background images: the scroll box keeps its shadows, in system colours; the table is forced as usual. */
  @media (forced-colors: active) {
    .scroll { forced-color-adjust: none; --_cover: Canvas; --_shadow: CanvasText; border-color: CanvasText; }
    .scroll > * { forced-color-adjust: auto; }
  }
  /* Numbers from before the connection was lost: muted and framed dashed, still readable (no opacity). */
  .scroll.stale { border-style: dashed; }
  .scroll.stale td { color: var(--_muted); }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { padding: 0.3em 0.6em; text-align: end; white-space: nowrap; border-bottom: 1px solid var(--_border); }
  th[scope='row'], thead th:first-child, tfoot th { text-align: start; }
  /* A long queue name wraps (the theme breaks names without spaces) and leaves the numbers room. */
  th[scope='row'] { white-space: normal; min-width: 7em; }
  thead th { position: sticky; top: 0; background: var(--_surface-alt); font-weight: 600; }
  thead button { border: 0; background: none; padding: 0; min-height: 0; font-weight: inherit; }
  /* The arrow is decoration (empty alt text keeps it out of the button name); aria-sort says the order. */
  thead th[aria-sort] button::after { content: ' ▲' / ''; font-size: 0.75em; }
  thead th[aria-sort='descending'] button::after { content: ' ▼' / ''; }
  tbody tr:hover { background: var(--_surface-alt); }
  tfoot th, tfoot td { font-weight: 600; border-bottom: 0; border-top: 2px solid var(--_border); }
  td.activities { text-align: start; color: var(--_muted); }
  .sparkline { width: 5em; height: 1.25em; stroke: var(--_accent); stroke-width: 1.5; vertical-align: middle; overflow: visible; }
  .sparkline circle { fill: var(--_accent); }
  @media (forced-colors: active) { .sparkline { stroke: CanvasText; } .sparkline circle { fill: CanvasText; } }
`;
