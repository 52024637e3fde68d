import type { Plugin } from 'esbuild';

/** Returns the module's text with its html/css/svg templates minified. */
export function minifyTemplatesIn(code: string, fileName: string): string;
/** The esbuild plugin: our TypeScript modules with templates, minified as they load. */
export const minifyTemplates: Plugin;
