/**
 * Browser-side checks that hostile data stayed text: walk every shadow tree and report
 * any element, attribute or URL that markup in the data could have produced. Shared by
 * the web-test-runner tests and the page of the CSP test (bundled into it).
 */

/** Elements the kit never renders, but parsed markup from data would. */
const FORBIDDEN_ELEMENTS = ['script', 'img', 'iframe', 'object', 'embed', 'math', 'style', 'link', 'meta', 'base'];
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'];

/** Every element in `root` and in the shadow roots below it. */
export function deepElements(root: Element | ShadowRoot | Document): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

/** The text a user can read in an element's shadow tree (text nodes and form values). */
export function deepText(host: Element): string {
  return deepElements(host.shadowRoot ?? host)
    .map((element) => [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('') +
      ((element as HTMLInputElement).value ?? ''))
    .join('\n');
}

/** What in the hosts' trees could only have come from markup in data (empty when all is inert). */
export function inertProblems(hosts: Element[]): string[] {
  const problems: string[] = [];
  for (const host of hosts) {
    for (const element of [host, ...deepElements(host.shadowRoot ?? host)]) {
      const where = `<${host.localName}> ${element.localName}`;
      if (FORBIDDEN_ELEMENTS.includes(element.localName)) problems.push(`${where}: a ${element.localName} element`);
      for (const attribute of element.attributes) {
        if (attribute.name.startsWith('on')) problems.push(`${where}: an inline handler ${attribute.name}`);
        if (URL_ATTRIBUTES.includes(attribute.name) && /^\s*(javascript|data|vbscript):/i.test(attribute.value)) {
          problems.push(`${where}: ${attribute.name}=${attribute.value.slice(0, 60)}`);
        }
      }
    }
  }
  return problems;
}
