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

export default {
  globs: ['src/context/**/*.ts', 'src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // The package.json `customElements` field names the committed path; never rewrite it.
  packagejson: false,
  plugins: [internalStateIsNotAnAttribute],
};
