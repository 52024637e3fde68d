import { css } from 'lit';

export const workerStatusStyles = css`
  .base { position: relative; }
  .connection { display: inline-flex; align-items: center; gap: 0.4em; font-size: 0.85em; color: var(--_muted); }
  .connection .dot { --_dot: var(--_warning); }
  .connection.connected .dot { --_dot: var(--_available); }
  .connection.reconnecting { color: var(--_warning); }
  .connection:is(.failed, .disconnected) { color: var(--_danger); }
  .connection:is(.failed, .disconnected) .dot { --_dot: var(--_danger); }

  .picker { position: relative; display: flex; align-items: center; gap: var(--_space); }
  .current { flex: 1; min-height: 2.5em; background: var(--_surface); }
  .current .name { font-weight: 600; }
  .current svg { margin-inline-start: auto; }
  .since { font-variant-numeric: tabular-nums; color: var(--_muted); }
  .current[aria-expanded='true'] svg { transform: rotate(180deg); }
  .current[aria-disabled='true'] { cursor: progress; opacity: 0.6; }

  [role='listbox'] {
    position: absolute; inset-inline: 0; top: calc(100% + 2px); z-index: 1;
    padding: 0.25em; max-height: 16em; overflow: auto;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  [role='option'] { display: flex; align-items: center; gap: 0.5em; padding: 0.4em 0.5em; border-radius: var(--_radius); cursor: pointer; }
  [role='option'].active { background: var(--_surface-alt); outline: 1px solid var(--_accent); }
  [role='option'] .tag { flex: none; margin-inline-start: auto; font-size: 0.85em; color: var(--_muted); }
  [role='option'] .check { visibility: hidden; color: var(--_accent); }
  [role='option'][aria-selected='true'] .check { visibility: visible; }

  /* The grid gap spaces the question; its default margins made the box tall and uneven. */
  [part='confirm'] p { margin: 0; }

  .channels { display: grid; gap: 0.25em; }
  .channels li { display: grid; grid-template-columns: 1fr auto; gap: 0 var(--_space); align-items: center; }
  /* Flex keeps the dot beside a long name that wraps, rather than alone on the line above it. */
  .channels li > :first-child { display: flex; align-items: center; gap: 0.35em; }
  .channels meter { grid-column: 1 / -1; width: 100%; height: 0.5em; }
  .channels .count { font-variant-numeric: tabular-nums; color: var(--_muted); }
`;
