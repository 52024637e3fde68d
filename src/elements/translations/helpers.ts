import type { en } from './en.js';

/** Picks the singular or plural form (enough for English and Spanish). */
export const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

/** The (valid) language tag of the element whose term is being made, `es-MX` say: set by the localize controller. */
export const termLanguage = { tag: 'en' };

/**
 * A number in a sentence of `language` (10,000 / 10.000): in the element's own regional form when it
 * speaks that language (`es-MX` writes 10,000 where `es` writes 10.000).
 */
export const numeral = (n: number, language: string) =>
  n.toLocaleString(termLanguage.tag.split('-')[0]!.toLowerCase() === language ? termLanguage.tag : language);

/** Every term of the English source, as a translation gives it: a string, or a function of the same parameters. */
type Terms = {
  [K in keyof typeof en]: (typeof en)[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

/**
 * A language for the kit: its `$code` (a language tag such as `de` or `pt-BR`) and `$name`, and the English terms
 * it translates. English fills any term it lacks.
 */
export type Translation = Pick<Terms, '$code' | '$name'> & Partial<Omit<Terms, '$code' | '$name'>>;
