import type { DevWorker } from './local-server.js';
import type { Globals } from './story.js';

/** The toolbar's choices, kept in the browser between visits. */
export interface Settings extends Globals {
  agentSid: string;
}

/** The languages the kit ships (the demo imports the Spanish translation). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
] as const;

export const THEMES = ['system', 'light', 'dark'] as const;

const STORAGE_KEY = 'taskrouter-kit-demo';

/** The saved settings, with defaults for what is missing or no longer valid (a worker that is gone). */
export function loadSettings(workers: readonly DevWorker[]): Settings {
  let saved: Partial<Settings> = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Settings>;
  } catch {
    // Storage blocked or garbage: start from the defaults.
  }
  return {
    agentSid: workers.some((worker) => worker.sid === saved.agentSid) ? saved.agentSid! : (workers[0]?.sid ?? ''),
    theme: THEMES.includes(saved.theme!) ? saved.theme! : 'system',
    lang: LANGUAGES.some((language) => language.code === saved.lang) ? saved.lang! : 'en',
  };
}

export function saveSettings(settings: Settings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not remembered; the page still works.
  }
}
