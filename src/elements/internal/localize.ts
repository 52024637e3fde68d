import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { composedAncestor } from '../../context/composed-ancestor.js';
import { en } from '../translations/en.js';
import { termLanguage, type Translation } from '../translations/helpers.js';
import { formatDuration } from './format.js';

export type { Translation };
type TermKey = Exclude<keyof typeof en, '$code' | '$name'>;
type TermArgs<K extends TermKey> = (typeof en)[K] extends (...args: infer A) => string ? A : [];

/**
 * Registered languages, kept on the page rather than in this module, so that a translation loaded by
 * another copy of the kit (the single-file bundle plus `taskrouter-kit.es.js`) reaches every element.
 */
const REGISTRY = Symbol.for('taskrouter-kit.translations');
const TRANSLATIONS_CHANGED = 'taskrouter-kit:translations';
const translations: Map<string, Translation> = ((globalThis as { [REGISTRY]?: Map<string, Translation> })[REGISTRY] ??= new Map());
/** Number formats by language, and formatted numbers by language and value, shared by every element. */
const numberFormats = new Map<string, Intl.NumberFormat>();
const numberTexts = new Map<string, string>();
const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

/** Adds languages (or replaces one by its `$code`, e.g. `de` or `pt-BR`). Elements re-render with it. */
export function registerTranslation(...added: Translation[]): void {
  for (const translation of added) translations.set(translation.$code.toLowerCase(), translation);
  if (typeof dispatchEvent === 'function') dispatchEvent(new Event(TRANSLATIONS_CHANGED));
}

const updateHosts = () => {
  for (const host of hosts) host.requestUpdate();
};
registerTranslation(en);

const LANG_CHANGES: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };

/**
 * One observer for the page: any `lang` change in the document, or in a shadow root the element sits in (another
 * component's, out of the document's subtree), or a new translation, re-renders the localized elements.
 */
function watchLang(element: Element): void {
  if (typeof MutationObserver === 'undefined') return;
  if (!observer) {
    observer = new MutationObserver(updateHosts);
    observer.observe(document.documentElement, LANG_CHANGES);
    addEventListener(TRANSLATIONS_CHANGED, updateHosts);
  }
  // Observing a root again only renews its options.
  for (let root = element.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) observer.observe(root, LANG_CHANGES);
}

/**
 * Text of its own direction set apart for a sentence in another language (FSI … PDI, a bidi isolate): TaskRouter's
 * English message inside an Arabic sentence keeps its quotes and final punctuation in place. Invisible otherwise.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The `lang` that applies to an element: its own, the closest ancestor's (across shadow roots), the document's. */
export function resolveLang(element: Element): string {
  const lang = composedAncestor(element, (candidate) => !!candidate.getAttribute('lang'))?.getAttribute('lang');
  return lang || element.ownerDocument.documentElement.lang || navigator.language || 'en';
}

/** The best registered translation for a language tag: `es-MX` → `es-mx`, then `es`, then English. */
function translationFor(lang: string): Translation {
  const code = lang.toLowerCase();
  return translations.get(code) ?? translations.get(code.split('-')[0]!) ?? en;
}

/** The tag itself when Intl takes it as a language tag; English when the page's `lang` is not one. */
function formatTag(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang) && lang;
  } catch {
    return 'en';
  }
}

/**
 * Strings and number formats for an element, in the language that applies to it. The language is
 * resolved once per update; English fills any term a translation lacks.
 */
export class LocalizeController implements ReactiveController {
  #translation: Translation = en;
  #lang = 'en';
  #requested = 'en';
  #collator: Intl.Collator | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    watchLang(this.#host);
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  hostUpdate(): void {
    const lang = resolveLang(this.#host);
    if (lang !== this.#requested) {
      this.#requested = lang;
      this.#lang = formatTag(lang);
      this.#collator = undefined;
    }
    this.#translation = translationFor(lang);
  }

  /** The language the element formats in (a BCP 47 tag): its `lang`, or English when that is not a valid tag. */
  get language(): string {
    return this.#lang;
  }

  /** The translation in use: another `lang`, or the page's language registered late, replaces it. */
  get translation(): Translation {
    return this.#translation;
  }

  /** A translated string; terms with parameters are functions in the translation. */
  term<K extends TermKey>(key: K, ...args: TermArgs<K>): string {
    const value = (this.#translation[key] ?? en[key]) as string | ((...a: unknown[]) => string);
    termLanguage.tag = this.#lang;
    return typeof value === 'function' ? value(...args) : value;
  }

  /** Compares two strings in the element's language (one collator per language: creating one is slow). */
  compare(a: string, b: string): number {
    this.#collator ??= new Intl.Collator(this.#lang);
    return this.#collator.compare(a, b);
  }

  /** `m:ss` or `h:mm:ss` in the element's language's digits (Arabic-Indic under `lang="ar-EG"`, say). */
  duration(seconds: number): string {
    const text = formatDuration(seconds);
    // Most languages write Latin digits: then there is nothing to replace (inboxes and tables redo this every second).
    return this.number(0) === '0' ? text : text.replace(/\d/g, (digit) => this.number(Number(digit)));
  }

  /** A number in the element's language (formatted once per value: tables show the same few numbers often). */
  number(value: number): string {
    const key = `${this.#lang}|${value}`;
    let text = numberTexts.get(key);
    if (text === undefined) {
      if (numberTexts.size > 2000) numberTexts.clear();
      let format = numberFormats.get(this.#lang);
      if (!format) numberFormats.set(this.#lang, (format = new Intl.NumberFormat(this.#lang)));
      text = format.format(value);
      numberTexts.set(key, text);
    }
    return text;
  }
}
