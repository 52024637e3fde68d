import { KIT_VERSION } from './version.js';

/** A custom element class stamped with the kit version that defined it. */
export type VersionedElement = CustomElementConstructor & { version?: string };

/**
 * Defines `tag` unless it is already defined. A page may load the kit twice (two bundles): the first
 * definition wins, and a warning names both versions when they differ.
 */
export function defineElement(tag: string, element: VersionedElement, registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag) as VersionedElement | undefined;
  if (!existing) {
    registry.define(tag, element);
    return;
  }
  if (existing === element) return;
  const mine = element.version ?? KIT_VERSION;
  if (existing.version !== mine) {
    console.warn(`taskrouter-kit: <${tag}> v${mine} was not registered: <${tag}> v${existing.version ?? 'unknown'} is already defined.`);
  }
}
