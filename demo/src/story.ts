import type { TemplateResult } from 'lit';
import type { DevWorker, LocalServer } from './local-server.js';
import type { Scenarios } from './scenarios.js';

/** The page-wide choices a story renders with (the toolbar), unless the story fixes them itself. */
export interface Globals {
  /** `system` follows `prefers-color-scheme`. */
  theme: 'system' | 'light' | 'dark';
  /** A BCP 47 tag: `en`, `es`. */
  lang: string;
}

/** What a story gets to set up and render itself. */
export interface StoryContext extends Globals {
  server: LocalServer;
  scenarios: Scenarios;
  /** The agent picked in the toolbar; agent stories sign in as this worker. */
  agent: DevWorker;
  /** Aborted when the reader leaves the story, so a slow setup stops early. */
  signal: AbortSignal;
}

/**
 * One state of one element (or of a whole page) that matters to someone embedding the kit.
 * Stories are plain objects: the sidebar lists them, the canvas renders them, the e2e test visits them all.
 */
export interface Story {
  /** Stable id, used in the URL (`#/agent-desktop`). */
  id: string;
  /** The sidebar group: an element's tag, or a heading such as "Start here". */
  group: string;
  name: string;
  /** One or two sentences: what the story shows and how to get there by hand. */
  description: string;
  /** The tags on the canvas; the controls panel starts with the first. */
  tags: string[];
  /** How the canvas lays out the story's elements (demo CSS, so the snippet stays plain markup). */
  layout?: 'desk' | 'stack' | 'wide' | 'frame';
  /** Fixed globals (the dark-theme and second-language stories). */
  globals?: Partial<Globals>;
  /** Drives the local server into the story's state before the elements render. */
  setup?(ctx: StoryContext): Promise<void>;
  /** The canvas content. */
  render(ctx: StoryContext): TemplateResult;
  /** Runs once the elements are on the page: interactions that reach the state (typing, clicking). */
  play?(root: ParentNode, ctx: StoryContext): Promise<void>;
  /** For stories rendered in an iframe: the document whose elements the panels inspect. */
  documentOf?(canvas: HTMLElement): Promise<Document>;
  /** Modules the page imports besides the elements (e.g. a translation), shown in the snippet. */
  imports?: string[];
  /** The usage snippet, when it is not the canvas markup (e.g. a whole page's source). */
  snippet?(ctx: StoryContext): Promise<string>;
}
