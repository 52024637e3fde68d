// An esbuild plugin for the minified bundles: drops the source formatting inside Lit's `html` and
// `css` tagged templates, which no JavaScript minifier touches (their text is data to it).
// Safe by construction: in HTML a whitespace run that holds a newline renders as one space, so it
// becomes one space; templates with <pre> or <textarea> content are left alone; in CSS, comments
// go and whitespace shrinks outside quoted strings.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const TAGS = new Set(['html', 'css', 'svg']);

/** HTML text between bindings: each whitespace run that holds a newline becomes one space. */
const minifyHtml = (text) => text.replace(/\s*\n\s*/g, ' ');

const STRING = /("[^"]*"|'[^']*')/;

/**
 * CSS text between bindings: comments out, whitespace shrunk, none around punctuation; strings untouched.
 * Comments are found in the same pass as strings, so that an apostrophe in a comment starts no string;
 * each becomes a space, which still separates what it stood between.
 */
function minifyCss(text) {
  return text
    .split(/(\/\*[\s\S]*?\*\/|"[^"]*"|'[^']*')/)
    .map((part) => (part.startsWith('/*') ? ' ' : part))
    .join('')
    .split(STRING)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/** The literal pieces of a template: its text between the backticks and `${ … }` bindings. */
function* literalPieces(template, source) {
  const pieces = ts.isNoSubstitutionTemplateLiteral(template)
    ? [template]
    : [template.head, ...template.templateSpans.map((span) => span.literal)];
  for (const piece of pieces) {
    const start = piece.getStart(source) + 1; // after ` or }
    const end = piece.end - (ts.isTemplateTail(piece) || ts.isNoSubstitutionTemplateLiteral(piece) ? 1 : 2); // before ` or ${
    yield { start, end };
  }
}

/** Returns the module's text with its html/css/svg templates minified. */
export function minifyTemplatesIn(code, fileName) {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const pieces = [...literalPieces(node.template, source)];
      const whole = pieces.map(({ start, end }) => code.slice(start, end)).join('');
      // A backslash before a newline is a line continuation; formatted text there would change meaning.
      const safe = !/\\\r?\n/.test(whole) && !(node.tag.text !== 'css' && /<(pre|textarea)\b[^>]*>[^<]/i.test(whole));
      if (safe) {
        const minify = node.tag.text === 'css' ? minifyCss : minifyHtml;
        for (const { start, end } of pieces) edits.push({ start, end, text: minify(code.slice(start, end)) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

/** The esbuild plugin: our TypeScript modules with templates, minified as they load. */
export const minifyTemplates = {
  name: 'minify-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      if (!/\b(html|css|svg)`/.test(code)) return undefined;
      return { contents: minifyTemplatesIn(code, path), loader: 'ts' };
    });
  },
};
