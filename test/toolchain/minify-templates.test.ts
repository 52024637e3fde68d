// The bundles' template minifier: CSS comments go wherever they are, strings stay as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyTemplatesIn } from '../../scripts/minify-templates.mjs';

const minified = (css: string) => minifyTemplatesIn(`css\`${css}\`;`, 'styles.ts').slice(4, -2);

test("a comment with an apostrophe goes, and the CSS after it is still minified", () => {
  assert.equal(minified("\n  /* the page's color */\n  a { color: red; }\n  b { content: ' x ' }\n"), " a{color:red}b{content:' x '}");
});

test('a comment between two values still separates them', () => {
  assert.equal(minified('a { border: 1px/* thin */solid; }'), 'a{border:1px solid}');
});

test('a comment mark inside a string is text', () => {
  assert.equal(minified("a::after { content: '/* not a comment */'; }"), "a::after{content:'/* not a comment */'}");
});
