/**
 * The usage snippet: the markup a developer would write to get what is on the canvas. It is taken
 * right after the story renders (before elements reflect their own state into attributes), then kept
 * in step with what the controls panel changes, so it never shows attributes nobody wrote.
 */

interface ElementNode {
  tag: string;
  attributes: Map<string, string>;
  /** Properties set from the controls panel that have no attribute: shown as script lines. */
  properties: Map<string, unknown>;
  children: MarkupNode[];
}

type MarkupNode = ElementNode | { text: string };

const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'link', 'meta', 'source']);

function snapshotNode(node: Node): MarkupNode | null {
  if (node.nodeType === Node.ELEMENT_NODE) {
    const element = node as Element;
    return {
      tag: element.localName,
      attributes: new Map(Array.from(element.attributes, (attribute) => [attribute.name, attribute.value])),
      properties: new Map(),
      children: snapshotChildren(element),
    };
  }
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    return text ? { text } : null;
  }
  return null; // comments (Lit's markers) and the rest
}

function snapshotChildren(parent: ParentNode): MarkupNode[] {
  return Array.from(parent.childNodes, snapshotNode).filter((node): node is MarkupNode => node !== null);
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Longest opening tag kept on one line; longer ones get one attribute per line. */
const MAX_LINE = 100;

function print(node: MarkupNode, indent: string): string {
  if ('text' in node) return `${indent}${escapeText(node.text)}`;
  const attributes = Array.from(node.attributes, ([name, value]) =>
    value === '' ? name : `${name}="${escapeAttribute(value)}"`,
  );
  const oneLine = `${indent}<${node.tag}${attributes.map((attribute) => ` ${attribute}`).join('')}>`;
  const open =
    oneLine.length <= MAX_LINE || attributes.length < 2
      ? oneLine
      : `${indent}<${node.tag}\n${attributes.map((attribute) => `${indent}  ${attribute}`).join('\n')}\n${indent}>`;
  if (VOID_TAGS.has(node.tag)) return open;
  if (node.children.length === 0) return `${open}</${node.tag}>`;
  const only = node.children[0]!;
  if (node.children.length === 1 && 'text' in only && only.text.length < 60) {
    return `${open}${escapeText(only.text)}</${node.tag}>`;
  }
  const inner = node.children.map((child) => print(child, `${indent}  `)).join('\n');
  return `${open}\n${inner}\n${indent}</${node.tag}>`;
}

function walk(nodes: MarkupNode[], visit: (node: ElementNode) => void): void {
  for (const node of nodes) {
    if ('text' in node) continue;
    visit(node);
    walk(node.children, visit);
  }
}

/** The canvas's authored markup, editable through the same calls the controls make on live elements. */
export class MarkupSnapshot {
  private readonly nodes: MarkupNode[];

  constructor(root: ParentNode) {
    this.nodes = snapshotChildren(root);
  }

  /** The `index`-th element with this tag, in document order (as `querySelectorAll` counts). */
  private find(tag: string, index: number): ElementNode | undefined {
    const found: ElementNode[] = [];
    walk(this.nodes, (node) => node.tag === tag && found.push(node));
    return found[index];
  }

  setAttribute(tag: string, index: number, name: string, value: string | null): void {
    const node = this.find(tag, index);
    if (!node) return;
    if (value === null) node.attributes.delete(name);
    else node.attributes.set(name, value);
  }

  setProperty(tag: string, index: number, name: string, value: unknown): void {
    this.find(tag, index)?.properties.set(name, value);
  }

  /**
   * The kit modules the markup needs (a bundler resolves them; without one, use the bundle): the one
   * element's own entry when it shows one (it brings `<tr-provider>`), else all the elements.
   */
  kitImports(): string[] {
    const tags = new Set<string>();
    walk(this.nodes, (node) => node.tag.startsWith('tr-') && node.tag !== 'tr-provider' && tags.add(node.tag));
    return tags.size === 1 ? [`taskrouter-kit/elements/${[...tags][0]}`] : ['taskrouter-kit/elements'];
  }

  /** HTML, then one script line per property set from the controls. */
  toString(): string {
    const html = this.nodes.map((node) => print(node, '')).join('\n');
    const lines: string[] = [];
    const counts = new Map<string, number>();
    walk(this.nodes, (node) => {
      const index = counts.get(node.tag) ?? 0;
      counts.set(node.tag, index + 1);
      for (const [name, value] of node.properties) {
        const element = index === 0 ? `querySelector('${node.tag}')` : `querySelectorAll('${node.tag}')[${index}]`;
        lines.push(`document.${element}.${name} = ${JSON.stringify(value)};`);
      }
    });
    return lines.length > 0 ? `${html}\n\n<script type="module">\n  ${lines.join('\n  ')}\n</script>` : html;
  }
}


/** The script tag that loads the kit before the markup. */
export function importScript(modules: readonly string[]): string {
  return `<script type="module">\n${modules.map((module) => `  import '${module}';`).join('\n')}\n</script>`;
}
