// The demo page: a sidebar of stories, a canvas with the live elements, panels for controls, events and
// the usage snippet, and the scenario panel that drives the local server.
import '../../src/elements/index.js';
import { html, nothing, render } from 'lit';
import { LocalServer, type DevWorker } from './local-server.js';
import { elementsByTag, eventNames, loadManifest, type ElementDoc } from './manifest.js';
import { IMPORT_LINE, MarkupSnapshot } from './markup.js';
import { ControlsPanel } from './panels/controls-panel.js';
import { EventLog } from './panels/event-log.js';
import { ScenarioPanel } from './panels/scenario-panel.js';
import { SnippetPanel } from './panels/snippet-panel.js';
import { Scenarios } from './scenarios.js';
import { DEFAULT_STORY, STORIES } from './stories/index.js';
import type { Globals, Story, StoryContext } from './story.js';

const STORAGE_KEY = 'taskrouter-kit-demo';
const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
];
type Tab = 'controls' | 'events' | 'code';

interface Settings extends Globals {
  agentSid: string;
}

function loadSettings(): Partial<Settings> {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Settings>;
  } catch {
    return {};
  }
}

function storyFromHash(): Story {
  const id = location.hash.replace(/^#\/?/, '');
  return STORIES.find((story) => story.id === id) ?? DEFAULT_STORY;
}

/** Groups in first-seen order. */
function groups(stories: readonly Story[]): Map<string, Story[]> {
  const grouped = new Map<string, Story[]>();
  for (const story of stories) grouped.set(story.group, [...(grouped.get(story.group) ?? []), story]);
  return grouped;
}

class DemoApp {
  private settings: Settings;
  private story: Story = DEFAULT_STORY;
  private filter = '';
  private tab: Tab = 'controls';
  private eventCount = 0;
  private running: AbortController | undefined;
  private setupError: string | undefined;
  private readonly canvas: HTMLElement;
  private readonly panels: Record<Tab, HTMLElement>;
  private readonly controls: ControlsPanel;
  private readonly events: EventLog;
  private readonly snippet: SnippetPanel;
  private snapshot: MarkupSnapshot | null = null;

  constructor(
    private readonly server: LocalServer,
    private readonly scenarios: Scenarios,
    private readonly elements: Map<string, ElementDoc>,
  ) {
    const saved = loadSettings();
    const workers = server.config.workers;
    this.settings = {
      agentSid: workers.some((worker) => worker.sid === saved.agentSid) ? saved.agentSid! : (workers[0]?.sid ?? ''),
      theme: saved.theme ?? 'system',
      lang: saved.lang ?? 'en',
    };
    const main = document.getElementById('story')!;
    render(
      html`<header class="story-head" id="story-head"></header>
        <div class="canvas" id="canvas" data-state="setup"></div>
        <section class="addons" aria-label="Story panels">
          <div class="tabs" role="tablist" id="tabs"></div>
          <div class="panel" role="tabpanel" id="panel-controls" aria-labelledby="tab-controls"></div>
          <div class="panel" role="tabpanel" id="panel-events" aria-labelledby="tab-events" hidden></div>
          <div class="panel" role="tabpanel" id="panel-code" aria-labelledby="tab-code" hidden></div>
        </section>`,
      main,
    );
    main.querySelector('.loading')?.remove();
    this.canvas = document.getElementById('canvas')!;
    this.panels = {
      controls: document.getElementById('panel-controls')!,
      events: document.getElementById('panel-events')!,
      code: document.getElementById('panel-code')!,
    };
    this.controls = new ControlsPanel(this.panels.controls, elements, () => this.showSnippet());
    this.events = new EventLog(this.panels.events, (count) => {
      this.eventCount = count;
      this.renderTabs();
    });
    this.snippet = new SnippetPanel(this.panels.code);
  }

  get agent(): DevWorker {
    const { workers } = this.server.config;
    return workers.find((worker) => worker.sid === this.settings.agentSid) ?? workers[0]!;
  }

  start(): void {
    addEventListener('hashchange', () => void this.show(storyFromHash()));
    const scenario = new ScenarioPanel(document.getElementById('scenario')!, this.scenarios, () => this.agent);
    void scenario.start();
    void this.show(storyFromHash());
  }

  private save(changes: Partial<Settings>): void {
    this.settings = { ...this.settings, ...changes };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.settings));
    void this.show(this.story);
  }

  /** Tears the previous story down, drives the server into the new one's state, renders it, wires the panels. */
  private async show(story: Story): Promise<void> {
    this.running?.abort(new Error('left the story'));
    const running = new AbortController();
    this.running = running;
    this.story = story;
    this.setupError = undefined;
    this.canvas.dataset['state'] = 'setup';
    this.controls.clear();
    render(nothing, this.canvas); // removes the old elements, so their clients disconnect
    this.renderChrome();

    const globals = { theme: this.settings.theme, lang: this.settings.lang, ...story.globals };
    const ctx: StoryContext = { server: this.server, scenarios: this.scenarios, signal: running.signal, agent: this.agent, ...globals };
    try {
      await story.setup?.(ctx);
    } catch (error) {
      if (running.signal.aborted) return;
      this.setupError = (error as Error).message;
    }
    if (running.signal.aborted) return;

    this.canvas.dataset['theme'] = globals.theme;
    this.canvas.dataset['layout'] = story.layout ?? 'stack';
    render(story.render(ctx), this.canvas);
    this.snapshot = story.snippet ? null : new MarkupSnapshot(this.canvas);
    this.renderChrome();

    const root = story.documentOf ? await story.documentOf(this.canvas) : this.canvas;
    if (running.signal.aborted) return;
    await Promise.all(story.tags.map((tag) => customElements.whenDefined(tag)));
    try {
      await story.play?.(root, ctx);
    } catch (error) {
      this.setupError = (error as Error).message;
    }
    if (running.signal.aborted) return;
    this.controls.show(root, story.tags, this.snapshot);
    this.events.attach(root instanceof Document ? root : this.canvas, this.eventNames(story));
    await this.showSnippet(ctx);
    this.canvas.dataset['state'] = this.setupError ? 'error' : 'ready';
    this.renderChrome();
  }

  /** Every event the story's elements declare, once. */
  private eventNames(story: Story): string[] {
    return [...new Set(story.tags.flatMap((tag) => eventNames(this.elements.get(tag))))];
  }

  private async showSnippet(ctx?: StoryContext): Promise<void> {
    if (this.story.snippet && ctx) this.snippet.show(await this.story.snippet(ctx));
    else if (this.snapshot) this.snippet.show(`${IMPORT_LINE}\n\n${this.snapshot}`);
  }

  private selectTab(tab: Tab): void {
    this.tab = tab;
    for (const [name, panel] of Object.entries(this.panels)) panel.hidden = name !== tab;
    this.renderTabs();
  }

  private renderTabs(): void {
    const tabs: Array<[Tab, string]> = [
      ['controls', 'Controls'],
      ['events', `Events (${this.eventCount})`],
      ['code', 'Code'],
    ];
    render(
      tabs.map(
        ([tab, label]) => html`<button type="button" role="tab" id=${`tab-${tab}`} aria-controls=${`panel-${tab}`}
          aria-selected=${this.tab === tab} tabindex=${this.tab === tab ? 0 : -1} @click=${() => this.selectTab(tab)}>${label}</button>`,
      ),
      document.getElementById('tabs')!,
    );
  }

  private renderChrome(): void {
    const { story, settings } = this;
    document.documentElement.dataset['theme'] = settings.theme;
    document.title = `${story.name} · ${story.group} · taskrouter-kit demo`;
    render(
      html`
        <label>Agent
          <select @change=${(event: Event) => this.save({ agentSid: (event.target as HTMLSelectElement).value })}>
            ${this.server.config.workers.map(
              (worker) => html`<option value=${worker.sid} ?selected=${worker.sid === settings.agentSid}>${worker.friendlyName}</option>`,
            )}
          </select>
        </label>
        <label>Theme
          <select @change=${(event: Event) => this.save({ theme: (event.target as HTMLSelectElement).value as Globals['theme'] })}>
            ${(['system', 'light', 'dark'] as const).map((theme) => html`<option ?selected=${theme === settings.theme}>${theme}</option>`)}
          </select>
        </label>
        <label>Language
          <select @change=${(event: Event) => this.save({ lang: (event.target as HTMLSelectElement).value })}>
            ${LANGUAGES.map((language) => html`<option value=${language.code} ?selected=${language.code === settings.lang}>${language.name}</option>`)}
          </select>
        </label>
      `,
      document.getElementById('toolbar')!,
    );
    const needle = this.filter.toLowerCase();
    const visible = STORIES.filter((entry) => `${entry.group} ${entry.name}`.toLowerCase().includes(needle));
    render(
      html`
        <input class="filter" type="search" placeholder="Find a story" aria-label="Find a story" .value=${this.filter}
          @input=${(event: Event) => {
            this.filter = (event.target as HTMLInputElement).value;
            this.renderChrome();
          }} />
        ${[...groups(visible)].map(
          ([group, stories]) => html`<h2>${group}</h2>
            <ul>
              ${stories.map(
                (entry) => html`<li><a href=${`#/${entry.id}`} aria-current=${entry === story ? 'page' : 'false'}>${entry.name}</a></li>`,
              )}
            </ul>`,
        )}
      `,
      document.getElementById('sidebar')!,
    );
    render(
      html`<h1>${story.name} <small>${story.group}</small></h1>
        <p>${story.description}</p>
        <p class="tags">${story.tags.map((tag) => html`<code>&lt;${tag}&gt;</code> `)}</p>
        ${this.canvas.dataset['state'] === 'setup' ? html`<p class="note" role="status">Setting the story up…</p>` : nothing}
        ${this.setupError ? html`<p class="status error" role="alert">Setup: ${this.setupError}</p>` : nothing}`,
      document.getElementById('story-head')!,
    );
    this.renderTabs();
  }
}

async function main(): Promise<void> {
  let server: LocalServer;
  try {
    server = await LocalServer.connect();
  } catch (error) {
    document.querySelector('#story .loading')?.remove();
    render(
      html`<div class="fatal" role="alert">
        <h1>The local server does not answer</h1>
        <p>The demo reads <code>/dev/config</code> from the server that serves it (${(error as Error).message}).
          Start everything with <code>npm start</code> and open the URL it prints.</p>
      </div>`,
      document.getElementById('story')!,
    );
    return;
  }
  const manifest = await loadManifest();
  new DemoApp(server, new Scenarios(server), elementsByTag(manifest)).start();
}

void main();
