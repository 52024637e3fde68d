/**
 * The part of custom-elements.json (schema 1.0) the demo reads, and what it derives from it:
 * the controls for an element's attributes and properties, and the events it fires.
 */

interface TypeText {
  text: string;
}

interface AttributeDoc {
  name: string;
  type?: TypeText;
  default?: string;
  description?: string;
  fieldName?: string;
}

interface MemberDoc {
  kind: 'field' | 'method';
  name: string;
  type?: TypeText;
  default?: string;
  description?: string;
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
}

/** One entry of `events`. */
export interface EventDoc {
  name: string;
  type?: TypeText;
  description?: string;
}

/** A named entry of `slots`, `cssParts` or `cssProperties`. */
export interface NamedDoc {
  name: string;
  description?: string;
}

/** A class declaration; custom elements have `tagName`. */
export interface ElementDoc {
  kind: string;
  name: string;
  tagName?: string;
  summary?: string;
  description?: string;
  attributes?: AttributeDoc[];
  members?: MemberDoc[];
  events?: EventDoc[];
  slots?: NamedDoc[];
  cssParts?: NamedDoc[];
  cssProperties?: NamedDoc[];
}

interface ModuleDoc {
  path: string;
  declarations?: ElementDoc[];
}

/** custom-elements.json */
export interface Manifest {
  schemaVersion: string;
  modules: ModuleDoc[];
}

/** How a control edits a value. */
export type ControlKind = 'boolean' | 'number' | 'text' | 'select' | 'readonly';

/** One row of the controls panel. */
export interface ControlDoc {
  /** The property name (what the control reads back). */
  property: string;
  /** The attribute, when the property has one; controls then set the attribute, as markup would. */
  attribute?: string;
  kind: ControlKind;
  /** The declared type, as written in the source. */
  typeText: string;
  /** Choices for a `select` (a union of string literals). */
  options?: string[];
  /** A non-primitive property edited through its attribute's text (e.g. a comma-separated list). */
  attributeText?: boolean;
  description?: string;
}

/** Reads the manifest served next to the page; `null` when it is missing (the panel says so). */
export async function loadManifest(url = './custom-elements.json'): Promise<Manifest | null> {
  const response = await fetch(url);
  if (!response.ok) return null;
  return (await response.json()) as Manifest;
}

/** Every custom element the manifest declares, by tag name. */
export function elementsByTag(manifest: Manifest | null): Map<string, ElementDoc> {
  const elements = new Map<string, ElementDoc>();
  for (const module of manifest?.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName) elements.set(declaration.tagName, declaration);
    }
  }
  return elements;
}

const STRING_LITERAL = /^(['"])(.*)\1$/;

/** `'a' | 'b' | undefined` → kind `select` with options a, b; `number | undefined` → `number`; … */
function controlKind(typeText: string): Pick<ControlDoc, 'kind' | 'options'> {
  const parts = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined' && part !== 'null');
  if (parts.length === 0) return { kind: 'readonly' };
  if (parts.every((part) => STRING_LITERAL.test(part))) {
    return { kind: 'select', options: parts.map((part) => STRING_LITERAL.exec(part)![2]!) };
  }
  if (parts.length === 1 && (parts[0] === 'boolean' || parts[0] === 'number' || parts[0] === 'string')) {
    return { kind: parts[0] === 'string' ? 'text' : parts[0] };
  }
  return { kind: 'readonly' };
}

/**
 * The controls for an element: its public, writable fields (with their attribute when they have one),
 * then attributes that have no field. Object-typed properties are listed read-only.
 */
export function controlsFor(element: ElementDoc): ControlDoc[] {
  const controls: ControlDoc[] = [];
  const attributes = element.attributes ?? [];
  for (const member of element.members ?? []) {
    if (member.kind !== 'field' || member.static || (member.privacy && member.privacy !== 'public')) continue;
    if (member.name.startsWith('_')) continue;
    const attribute = attributes.find((entry) => entry.fieldName === member.name);
    const attributeName = attribute?.name ?? member.attribute;
    const typeText = member.type?.text ?? attribute?.type?.text ?? 'unknown';
    let kind = member.readonly ? { kind: 'readonly' as const } : controlKind(typeText);
    // Whatever the property's type, its attribute is text: edit that (the element converts it).
    const attributeText = kind.kind === 'readonly' && !member.readonly && !!attributeName;
    if (attributeText) kind = { kind: 'text' };
    controls.push({
      property: member.name,
      attribute: attributeName,
      typeText,
      ...kind,
      ...(attributeText ? { attributeText } : {}),
      description: member.description ?? attribute?.description,
    });
  }
  for (const attribute of attributes) {
    if (attribute.fieldName && controls.some((control) => control.property === attribute.fieldName)) continue;
    const typeText = attribute.type?.text ?? 'string';
    controls.push({
      property: attribute.fieldName ?? attribute.name,
      attribute: attribute.name,
      typeText,
      ...controlKind(typeText),
      description: attribute.description,
    });
  }
  return controls;
}

/** The names of the events an element fires, as its JSDoc `@fires` tags declare them. */
export function eventNames(element: ElementDoc | undefined): string[] {
  return (element?.events ?? []).map((event) => event.name).filter(Boolean);
}
