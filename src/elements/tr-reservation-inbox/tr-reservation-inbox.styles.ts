import { css } from 'lit';

// `content-visibility: auto` on items: off-screen ones skip layout and paint, so a long inbox stays
// cheap to update every second.
export const reservationInboxStyles = css`
  .list { display: grid; gap: var(--_space); }
  .reservation {
    display: grid; gap: 0.4em; padding: var(--_space);
    border: 1px solid var(--_border); border-inline-start: 4px solid var(--_border);
    border-radius: var(--_radius); background: var(--_surface);
    content-visibility: auto; contain-intrinsic-size: auto 8em;
  }
  .reservation.pending { border-inline-start-color: var(--_accent); }
  .reservation.accepted, .reservation.wrapping { border-inline-start-color: var(--_available); }
  .reservation.ended { background: var(--_surface-alt); }
  .header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25em var(--_space); }
  .queue { font-weight: 600; }
  .status { font-size: 0.85em; padding: 0 0.5em; border-radius: 1em; border: 1px solid currentColor; }
  .meta { font-variant-numeric: tabular-nums; color: var(--_muted); font-size: 0.9em; }
  .countdown.urgent { color: var(--_danger); font-weight: 600; }
  button[aria-disabled='true'] { cursor: not-allowed; opacity: 0.6; }
  /* Keys as wide as they need up to 40%, wrapping there: a long key leaves the values room. */
  dl { margin: 0; display: grid; grid-template-columns: fit-content(40%) 1fr; gap: 0.1em var(--_space); }
  dt { color: var(--_muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  /* A value in the other direction (dir="auto": its own order) still starts at its key, on the element's side. */
  :host(:dir(ltr)) dd { text-align: left; }
  :host(:dir(rtl)) dd { text-align: right; }
  /* Its buttons wrap below the text rather than squeeze it. */
  .alert { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); border-color: var(--_accent); }
  .alert .text { flex: 1 10em; }
`;
