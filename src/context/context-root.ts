import { ContextRoot } from '@lit/context';

const ROOT_KEY = Symbol.for('taskrouter-kit.context-root');

/** The request list `ContextRoot` keeps per context (private in @lit/context 1.1, which the kit pins). */
interface PendingRequests {
  requests: Array<{ elementRef: WeakRef<Element> }>;
}

/**
 * A `ContextRoot` that forgets the requests of elements no longer in the page. `ContextRoot` keeps every request no
 * provider answered until a provider comes, so a page that mounts and removes provider-less elements all day (a
 * queue editor in a host form, opened in a dialog) would pile them up. One put back in the page asks again.
 */
class PruningContextRoot extends ContextRoot {
  constructor() {
    super();
    const self = this as unknown as { pendingContextRequests: Map<unknown, PendingRequests>; onContextRequest: (event: Event) => void };
    const buffer = self.onContextRequest;
    self.onContextRequest = (event) => {
      for (const pending of self.pendingContextRequests.values()) {
        pending.requests = pending.requests.filter(({ elementRef }) => elementRef.deref()?.isConnected);
      }
      buffer(event);
    };
  }
}

/**
 * Attaches one context root to the document, once per page even when several copies of the kit load.
 *
 * The root keeps the (subscribing) context requests of elements that upgraded before their provider and
 * replays them when a provider announces itself.
 */
export function attachContextRoot(doc: Document = document): void {
  const holder = doc as Document & { [ROOT_KEY]?: ContextRoot };
  if (holder[ROOT_KEY]) return;
  const root = new PruningContextRoot();
  root.attach(doc.documentElement);
  holder[ROOT_KEY] = root;
}
