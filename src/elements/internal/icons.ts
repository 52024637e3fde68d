import { html, svg, type SVGTemplateResult } from 'lit';

/** The kit's few icons: inline, decorative (hidden from assistive technology), drawn with currentColor. */
const icon = (shape: SVGTemplateResult) => html`<svg viewBox="0 0 24 24" aria-hidden="true">${shape}</svg>`;

export const chevronDownIcon = icon(svg`<path d="m6 9 6 6 6-6"/>`);
export const checkIcon = icon(svg`<path d="M20 6 9 17l-5-5"/>`);
export const retryIcon = icon(svg`<path d="M21 12a9 9 0 1 1-3-6.7L21 8"/><path d="M21 3v5h-5"/>`);
export const closeIcon = icon(svg`<path d="M18 6 6 18M6 6l12 12"/>`);
export const bellIcon = icon(svg`<path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.9 1.9 0 0 0 3.4 0"/>`);
