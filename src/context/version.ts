/** The kit's version, stamped on every element class so a second copy on the page can be recognised. */
export const KIT_VERSION = '0.1.0';
