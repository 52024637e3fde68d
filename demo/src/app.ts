import { html, nothing, render } from 'lit';
import { renderSidebar } from './chrome/sidebar.js';
import { renderTabs, type Tab } from './chrome/tabs.js';
import { renderToolbar } from './chrome/toolbar.js';
import type { DevWorker, LocalServer } from './local-server.js';
import { eventNames, type ElementDoc } from './manifest.js';
import { importScript, MarkupSnapshot } from './markup.js';
import { ControlsPanel } from './panels/controls-panel.js';
import { EventLog } from './panels/event-log.js';
import { ScenarioPanel } from './panels/scenario-panel.js';
import { SnippetPanel } from './panels/snippet-panel.js';
import type { ClientOnCanvas, Scenarios } from './scenarios.js';
import { loadSettings, saveSettings, type Settings } from './settings.js';
import { DEFAULT_STORY, STORIES } from './stories/index.js';
import type { Story, StoryContext } from './story.js';

const byId = (id: string) => document.getElementById(id)!;

function storyFromHash(): Story {
  const id = location.hash.replace(/^#\/?/, '');
  return STORIES.find((story) => story.id === id) ?? DEFAULT_STORY;
}

/**
 * The demo page: shows one story at a time. Showing a story tears the previous one down (its clients
 * disconnect), runs its setup against the local server, renders it on the canvas, plays its
 * interactions, then points the controls, event log and snippet at what is on the canvas.
 * `#canvas[data-state]` says where that is: `setup`, then `ready` or `error`.
 */
export class DemoApp {
  private settings: Settings;
  private story: Story = DEFAULT_STORY;
  private filter = '';
  private tab: Tab = 'controls';
  private eventCount = 0;
  private running: AbortController | undefined;
  private setupError: string | undefined;
  private snapshot: MarkupSnapshot | null = null;
  private readonly canvas: HTMLElement;
  private readonly panels: Record<Tab, HTMLElement>;
  private readonly controls: ControlsPanel;
  private readonly events: EventLog;
  private readonly snippet: SnippetPanel;

  constructor(
    private readonly server: LocalServer,
    private readonly scenarios: Scenarios,
    private readonly elements: Map<string, ElementDoc>,
  ) {
    this.settings = loadSettings(server.config.workers);
    const main = byId('story');
    main.replaceChildren();
    render(
      html`<header class="story-head" id="story-head"></header>
        <div class="canvas" id="canvas" data-state="setup"></div>
        <section class="addons" aria-label="Story panels">
          <div class="tabs" role="tablist" aria-label="Story panels" id="tabs"></div>
          <div class="panel" role="tabpanel" id="panel-controls" aria-labelledby="tab-controls"></div>
          <div class="panel" role="tabpanel" id="panel-events" aria-labelledby="tab-events" hidden></div>
          <div class="panel" role="tabpanel" id="panel-code" aria-labelledby="tab-code" hidden></div>
        </section>`,
      main,
    );
    this.canvas = byId('canvas');
    this.panels = { controls: byId('panel-controls'), events: byId('panel-events'), code: byId('panel-code') };
    this.controls = new ControlsPanel(this.panels.controls, elements, () => void this.showSnippet());
    this.events = new EventLog(this.panels.events, (count) => {
      this.eventCount = count;
      this.renderTabs();
    });
    this.snippet = new SnippetPanel(this.panels.code);
  }

  /** The agent the stories sign in as (picked in the toolbar). */
  get agent(): DevWorker {
    const { workers } = this.server.config;
    return workers.find((worker) => worker.sid === this.settings.agentSid) ?? workers[0]!;
  }

  start(): void {
    addEventListener('hashchange', () => void this.show(storyFromHash()));
    const scenario = new ScenarioPanel(byId('scenario'), this.scenarios, {
      agent: () => this.agent,
      clients: () => this.clients(),
    });
    void scenario.start();
    void this.show(storyFromHash());
  }

  /** The clients of the providers on the canvas, the CRM page's iframe included. */
  private clients(): ClientOnCanvas[] {
    const frames = Array.from(this.canvas.querySelectorAll('iframe'), (frame) => frame.contentDocument);
    return [this.canvas, ...frames]
      .flatMap((root) => Array.from(root?.querySelectorAll('tr-provider') ?? []))
      .map((provider) => provider.client as unknown as ClientOnCanvas | undefined)
      .filter((client): client is ClientOnCanvas => !!client);
  }

  private change(changes: Partial<Settings>): void {
    this.settings = { ...this.settings, ...changes };
    saveSettings(this.settings);
    void this.show(this.story);
  }

  private async show(story: Story): Promise<void> {
    this.running?.abort(new Error('left the story'));
    const running = new AbortController();
    this.running = running;
    const stale = () => running.signal.aborted;
    this.story = story;
    this.setupError = undefined;
    this.canvas.dataset['state'] = 'setup';
    this.controls.clear();
    render(nothing, this.canvas); // removes the old elements, so their clients disconnect
    this.renderChrome();

    const globals = { theme: this.settings.theme, lang: this.settings.lang, ...story.globals };
    const ctx: StoryContext = { ...globals, server: this.server, scenarios: this.scenarios, agent: this.agent, signal: running.signal };
    await this.attempt(() => story.setup?.(ctx));
    if (stale()) return;

    this.canvas.dataset['theme'] = globals.theme;
    this.canvas.dataset['layout'] = story.layout ?? 'stack';
    render(story.render(ctx), this.canvas);
    // Taken now, before the elements reflect their own state into attributes.
    this.snapshot = story.snippet ? null : new MarkupSnapshot(this.canvas);

    const root = story.documentOf ? await story.documentOf(this.canvas) : this.canvas;
    await Promise.all(story.tags.map((tag) => customElements.whenDefined(tag)));
    if (stale()) return;
    await this.attempt(() => story.play?.(root, ctx));
    if (stale()) return;
    this.controls.show(root, story.tags, this.snapshot);
    this.events.attach(root, [...new Set(story.tags.flatMap((tag) => eventNames(this.elements.get(tag))))]);
    await this.showSnippet(ctx);
    if (stale()) return;
    this.canvas.dataset['state'] = this.setupError ? 'error' : 'ready';
    this.renderChrome();
  }

  /** Runs a story step; a failure is shown above the canvas and the story still renders what it can. */
  private async attempt(step: () => Promise<void> | undefined): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.setupError ??= (error as Error).message;
    }
  }

  private async showSnippet(ctx?: StoryContext): Promise<void> {
    if (this.story.snippet && ctx) this.snippet.show(await this.story.snippet(ctx));
    else if (this.snapshot) {
      this.snippet.show(`${importScript([...this.snapshot.kitImports(), ...(this.story.imports ?? [])])}\n\n${this.snapshot}`);
    }
  }

  private selectTab(tab: Tab): void {
    this.tab = tab;
    for (const [name, panel] of Object.entries(this.panels)) panel.hidden = name !== tab;
    this.renderTabs();
  }

  private renderTabs(): void {
    const labels = { controls: 'Controls', events: `Events (${this.eventCount})`, code: 'Code' };
    renderTabs(byId('tabs'), this.tab, labels, (tab) => this.selectTab(tab));
  }

  private renderChrome(): void {
    const { story, settings } = this;
    document.documentElement.dataset['theme'] = settings.theme;
    document.title = `${story.name} · ${story.group} · taskrouter-kit demo`;
    renderToolbar(byId('toolbar'), this.server.config.workers, settings, (changes) => this.change(changes));
    renderSidebar(byId('sidebar'), STORIES, story, this.filter, (filter) => {
      this.filter = filter;
      this.renderChrome();
    });
    render(
      html`<h1>${story.name} <small>${story.group}</small></h1>
        <p>${story.description}</p>
        <p class="tags">${story.tags.map((tag) => html`<code>&lt;${tag}&gt;</code> `)}</p>
        ${this.canvas.dataset['state'] === 'setup' ? html`<p class="note" role="status">Setting the story up…</p>` : nothing}
        ${this.setupError ? html`<p class="status error" role="alert">Setup: ${this.setupError}</p>` : nothing}`,
      byId('story-head'),
    );
    this.renderTabs();
  }
}
