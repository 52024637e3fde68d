// @custom-elements-manifest/analyzer settings, read by `npm run build` and scripts/start.mjs.

/**
 * The analyzer's Lit support reads `static properties` but lists `{ state: true }` entries (internal
 * reactive state, private fields) as attributes. They are not part of an element's contract: drop them.
 */
const internalStateIsNotAnAttribute = {
  name: 'taskrouter-kit:internal-state-is-not-an-attribute',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        const hidden = new Set(
          (declaration.members ?? []).filter((member) => member.privacy === 'private' || member.privacy === 'protected').map((member) => member.name),
        );
        if (declaration.attributes) declaration.attributes = declaration.attributes.filter((attribute) => !hidden.has(attribute.fieldName));
        for (const member of declaration.members ?? []) if (hidden.has(member.name)) delete member.attribute;
      }
    }
  },
};

/** The shipped module that defines each tag: its own entry, and `<tr-provider>` in the elements entry (each entry defines it too). */
const shippedEntry = (tagName) => (tagName === 'tr-provider' ? 'dist/elements.js' : `dist/elements/${tagName}.js`);

/**
 * The analyzer names source files, which do not ship; tools that map a tag to its import need the shipped module
 * and a `custom-element-definition` export. Element modules take their shipped entry's path, and every reference to
 * them follows.
 */
const shippedElementModules = {
  name: 'taskrouter-kit:shipped-element-modules',
  packageLinkPhase({ customElementsManifest }) {
    const moved = new Map();
    for (const module of customElementsManifest.modules) {
      const element = (module.declarations ?? []).find((declaration) => declaration.tagName);
      if (!element) continue;
      moved.set(module.path, shippedEntry(element.tagName));
      module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: element.tagName, declaration: { name: element.name, module: module.path } }];
    }
    const follow = (node) => {
      if (Array.isArray(node)) node.forEach(follow);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if ((key === 'path' || key === 'module') && moved.has(value)) node[key] = moved.get(value);
          else follow(value);
        }
      }
    };
    follow(customElementsManifest.modules);
  },
};

export default {
  globs: ['src/context/**/*.ts', 'src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // package.json's `customElements` field already names custom-elements.json (generated, not committed: `npm run build`
  // and `npm start` write it); the analyzer must leave package.json alone.
  packagejson: false,
  plugins: [internalStateIsNotAnAttribute, shippedElementModules],
};
