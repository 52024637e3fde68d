/**
 * First script of the CSP test page (test/security/csp.test.ts), loaded before the kit:
 * records every Content-Security-Policy violation the page reports, and exposes the
 * inert-markup checks to the test driving the page.
 */
import { deepText, inertProblems } from './inert.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});

/** What the test reads from the page. */
export interface CspProbe {
  violations: string[];
  /** Problems of hostile data not rendered as text, for the kit's elements on the page. */
  inertProblems(): string[];
  /** Readable text of each kit element, by tag name. */
  texts(): Record<string, string>;
}

const kitElements = () => [...document.querySelectorAll('*')].filter((element) => element.localName.startsWith('tr-'));

(window as unknown as { __csp: CspProbe }).__csp = {
  violations,
  inertProblems: () => inertProblems(kitElements()),
  texts: () => Object.fromEntries(kitElements().map((element) => [element.localName, deepText(element)])),
};
