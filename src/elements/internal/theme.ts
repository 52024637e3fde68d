import { css } from 'lit';

/**
 * The kit's design tokens and the few shared styles every element uses.
 *
 * Each `--tr-*` token can be set on any ancestor (or the page's `:root`); the fallbacks give a light and
 * a dark palette chosen by `color-scheme`. Like the browser's own form controls, an element follows the
 * page's `color-scheme` (light when the page declares none; `light dark` follows `prefers-color-scheme`),
 * unless its `theme` attribute (or a `tr-theme-light` / `tr-theme-dark` class, or `--tr-color-scheme`
 * inherited from an ancestor such as `<tr-provider theme="dark">`) says otherwise: a light CRM page keeps
 * light widgets on a dark system. Everything stays in the shadow root.
 */
export const themeStyles = css`
  :host {
    /* Unset, the variable makes this declaration inherit: the color-scheme of the page. */
    color-scheme: var(--tr-color-scheme);
    --_text: var(--tr-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--tr-color-text-muted, light-dark(#59636e, #9198a1));
    --_surface: var(--tr-color-surface, light-dark(#ffffff, #151b23));
    --_surface-alt: var(--tr-color-surface-alt, light-dark(#f6f8fa, #212830));
    --_border: var(--tr-color-border, light-dark(#d1d9e0, #3d444d));
    /* A text field's border is all that shows where it is (its background is the surface): 3:1 against the surface. */
    --_control-border: var(--tr-color-control-border, light-dark(#818b98, #6e7681));
    --_accent: var(--tr-color-accent, light-dark(#0b5cd5, #4c9bff));
    --_on-accent: var(--tr-color-on-accent, light-dark(#ffffff, #0d1117));
    --_available: var(--tr-color-available, light-dark(#1a7f37, #3fb950));
    --_unavailable: var(--tr-color-unavailable, light-dark(#59636e, #9198a1));
    --_warning: var(--tr-color-warning, light-dark(#9a6700, #d29922));
    --_danger: var(--tr-color-danger, light-dark(#cf222e, #ff7b72));
    --_radius: var(--tr-radius, 6px);
    --_space: var(--tr-space, 0.5rem);
    display: block;
    box-sizing: border-box;
    font: var(--tr-font-size, 0.875rem) / 1.4 var(--tr-font-family, system-ui, sans-serif);
    color: var(--_text);
    background: var(--_surface);
    /* Not the page's text settings: app templates often centre their root, and a nowrap or uppercase from the
       page would overflow a narrow layout or misquote case-sensitive TargetWorkers. */
    text-align: start;
    white-space: normal;
    text-transform: none;
    text-indent: 0;
    letter-spacing: normal;
    word-spacing: normal;
    /* Names without spaces (activities, queues, attribute keys: up to 64 characters) wrap rather than overflow. */
    overflow-wrap: anywhere;
  }
  :host([theme='light']), :host(.tr-theme-light) { --tr-color-scheme: light; }
  :host([theme='dark']), :host(.tr-theme-dark) { --tr-color-scheme: dark; }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }

  button, select, input, textarea { font: inherit; color: inherit; }
  button {
    display: inline-flex; align-items: center; gap: 0.25em;
    padding: 0.25em 0.75em; min-height: 2em; cursor: pointer;
    border: 1px solid var(--_border); border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  button:hover:not(:disabled) { border-color: var(--_accent); }
  button:disabled { cursor: not-allowed; opacity: 0.6; }
  button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent); }
  button.danger { color: var(--_danger); }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  /*
   * Forced colours: Chromium keeps painting the elements inside a button (the activity button's name and dot) in the
   * forced colour of the button's first state, GrayText when it was first rendered disabled. So buttons are not forced:
   * they take the system colours themselves, over every state's own colours (hence !important), and their content
   * inherits them (forced-color-adjust is inherited). The focus ring is CanvasText, as forced colours make the others.
   */
  @media (forced-colors: active) {
    button {
      forced-color-adjust: none;
      color: ButtonText !important; background: ButtonFace !important; border-color: ButtonText !important;
    }
    button:is(:disabled, [aria-disabled='true']) { color: GrayText !important; border-color: GrayText !important; opacity: 1 !important; }
    button .dot { border-color: currentColor; }
    :focus-visible { outline-color: CanvasText; }
  }

  .notice {
    margin: 0; padding: var(--_space); border-radius: var(--_radius);
    border: 1px solid var(--_border); background: var(--_surface-alt); color: var(--_text);
  }
  .notice.error { border-color: var(--_danger); }
  .error-text { color: var(--_danger); }
  .muted { color: var(--_muted); }
  .base, [role='alertdialog'] { display: grid; gap: var(--_space); }
  .base { padding: var(--_space); }
  ul { margin: 0; padding: 0; list-style: none; }
  .row { display: flex; align-items: center; gap: var(--_space); flex-wrap: wrap; }
  /* A ring when off, a disc when on: shape says which. Drawn with borders alone, which forced colours keep (in their text colour). */
  .dot { display: inline-block; padding: 0.15em; border: 0.15em solid var(--_dot, var(--_unavailable)); border-radius: 50%; flex: none; }
  .dot.on { --_dot: var(--_available); border-width: 0.3em; padding: 0; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
  }
  svg { width: 1em; height: 1em; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
`;
