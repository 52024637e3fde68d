import { html, nothing, type TemplateResult } from 'lit';

/** A message about the element's state (`part="notice"`); `error` marks a problem. */
export function notice(content: unknown, error = false, role: 'status' | 'alert' | typeof nothing = nothing): TemplateResult {
  return html`<p class="notice ${error ? 'error' : ''}" part="notice" role=${role}>${content}</p>`;
}

/** An action's failure, announced (`part="error"`); nothing when there is no message. */
export function errorAlert(message: string | undefined): TemplateResult | typeof nothing {
  return message ? html`<p class="error-text" part="error" role="alert">${message}</p>` : nothing;
}

/** The available (green) or unavailable (grey) dot. */
export function dot(on: boolean): TemplateResult {
  return html`<span class="dot ${on ? 'on' : ''}"></span>`;
}

/** The buttons of a confirmation: `id` lets the element focus one of them. */
export interface ConfirmButton {
  label: unknown;
  onClick: () => void;
  class?: string;
  id?: string;
}

/**
 * An inline confirmation (`role="alertdialog"`, `part="confirm"`): the question, then confirm and
 * cancel. Escape cancels.
 */
export function confirmDialog(id: string, question: unknown, confirm: ConfirmButton, cancel: ConfirmButton): TemplateResult {
  const button = ({ label, onClick, class: kind, id }: ConfirmButton) =>
    html`<button type="button" class=${kind ?? nothing} id=${id ?? nothing} @click=${onClick}>${label}</button>`;
  return html`<div class="notice" role="alertdialog" part="confirm" aria-labelledby=${id}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault(); // the host page's own <dialog> around the element stays open
      cancel.onClick();
    }}>
    <p id=${id}>${question}</p>
    <div class="row">${button(confirm)}${button(cancel)}</div>
  </div>`;
}
