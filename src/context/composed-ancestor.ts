/**
 * The closest element at or above `node` that `matches`, crossing shadow roots to their hosts (the
 * composed tree, as context requests and `lang` inheritance see it).
 */
export function composedAncestor(node: Node | null, matches: (element: Element) => boolean): Element | undefined {
  for (; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && matches(node)) return node;
  }
  return undefined;
}
