import { html, render } from 'lit';
import type { DevWorker } from '../local-server.js';
import { LANGUAGES, THEMES, type Settings } from '../settings.js';

/** The top bar's selects: the agent the stories sign in as, the theme and the language. */
export function renderToolbar(
  container: HTMLElement,
  workers: readonly DevWorker[],
  settings: Settings,
  change: (changes: Partial<Settings>) => void,
): void {
  const value = (event: Event) => (event.target as HTMLSelectElement).value;
  render(
    html`
      <label>Agent
        <select @change=${(event: Event) => change({ agentSid: value(event) })}>
          ${workers.map((worker) => html`<option value=${worker.sid} ?selected=${worker.sid === settings.agentSid}>${worker.friendlyName}</option>`)}
        </select>
      </label>
      <label>Theme
        <select @change=${(event: Event) => change({ theme: value(event) as Settings['theme'] })}>
          ${THEMES.map((theme) => html`<option ?selected=${theme === settings.theme}>${theme}</option>`)}
        </select>
      </label>
      <label>Language
        <select @change=${(event: Event) => change({ lang: value(event) })}>
          ${LANGUAGES.map((language) => html`<option value=${language.code} ?selected=${language.code === settings.lang}>${language.name}</option>`)}
        </select>
      </label>
    `,
    container,
  );
}
