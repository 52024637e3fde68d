/**
 * What every element entry (`taskrouter-kit/elements/<tag>`) offers besides its element: the provider it
 * needs, and the localization API, so a page that loads one element can add a language without the others.
 */
export { TrProvider } from '../context/tr-provider.js';
export { registerTranslation, type Translation } from './internal/localize.js';
