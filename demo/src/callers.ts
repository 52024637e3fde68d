/** Callers the demo puts on the line: realistic attributes for the CRM record and for routing. */
export const CALLERS: ReadonlyArray<Record<string, unknown>> = [
  { type: 'support', name: 'Ana Souza', from: '+1 415 555 0134', account: 'ACME-20931', subject: 'Router keeps rebooting', language: 'en' },
  { type: 'sales', name: 'Kenji Watanabe', from: '+1 646 555 0188', account: 'ACME-31877', subject: 'Upgrade to the business plan', language: 'en' },
  { type: 'support', name: 'Lucía Fernández', from: '+34 910 555 021', account: 'ACME-44120', subject: 'Factura duplicada', language: 'es' },
  { type: 'billing', name: 'Omar Haddad', from: '+44 20 5550 1172', account: 'ACME-12054', subject: 'Refund for March', language: 'en' },
  { type: 'support', name: 'Grace Okafor', from: '+1 312 555 0199', account: 'ACME-57302', subject: 'Cannot sign in to the portal', language: 'en' },
];
