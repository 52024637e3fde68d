import { css } from 'lit';

export const queueEditorStyles = css`
  form, fieldset { display: grid; gap: calc(var(--_space) * 1.5); }
  form { padding: var(--_space); }
  fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
  .field { display: grid; gap: 0.25em; }
  label { font-weight: 600; }
  /* min-width: a select would be as wide as its longest option (an activity name), past the edge of the form. */
  input, select, textarea {
    min-width: 0; padding: 0.35em 0.5em; border: 1px solid var(--_control-border); border-radius: var(--_radius); background: var(--_surface);
  }
  /* The browser's grey placeholder does not follow the dark surface (3.8:1 there). */
  ::placeholder { color: var(--_muted); opacity: 1; }
  textarea { font-family: ui-monospace, monospace; min-height: 4em; resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_danger); }
  button[aria-disabled='true'] { cursor: progress; opacity: 0.6; }
  .hint { font-size: 0.9em; color: var(--_muted); }
  .excerpt { margin: 0; font-family: ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
  .excerpt mark { background: none; color: var(--_danger); text-decoration: wavy underline; text-decoration-skip-ink: none; padding-inline-end: 0.1em; }
  /* Forced colours paint mark text in MarkText: without its Mark background that is invisible on a dark Canvas. */
  @media (forced-colors: active) { .excerpt mark { background: Mark; } }
  .preview { display: grid; gap: 0.25em; }
  .missing-key { margin: 0; font-size: 0.9em; color: var(--_warning); }
  .preview ul { display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; }
  /*
   * The activity goes whole onto a line of its own beside a long name, rather than shrinking to a letter a line; the dot
   * stays with the name.
   */
  .preview li { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0 0.35em; }
  .preview .worker { display: flex; align-items: center; gap: 0.35em; }
  /* Two columns at most (each over 40%), so the four small fields make 2 × 2; one column when 12em do not fit twice. */
  .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(max(12em, 40%), 1fr)); gap: var(--_space); }
`;
