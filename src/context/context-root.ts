import { ContextRoot } from '@lit/context';

const ROOT_KEY = Symbol.for('taskrouter-kit.context-root');

/**
 * Attaches one `ContextRoot` to the document, once per page even when several copies of the kit load.
 *
 * The root keeps the (subscribing) context requests of elements that upgraded before their provider and
 * replays them when a provider announces itself.
 */
export function attachContextRoot(doc: Document = document): void {
  const holder = doc as Document & { [ROOT_KEY]?: ContextRoot };
  if (holder[ROOT_KEY]) return;
  const root = new ContextRoot();
  root.attach(doc.documentElement);
  holder[ROOT_KEY] = root;
}
