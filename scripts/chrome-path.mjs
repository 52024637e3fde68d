// Finds a Chrome or Chromium binary for browser tests, e2e tests and benchmarks.
// No browser is ever downloaded: the machine's own install is used.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags for headless Chromium as root on a closed network (see TOOLCHAIN.md). */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** @returns {string | undefined} */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/** @returns {string} the browser path, or exits with instructions. */
export function requireChrome() {
  const path = findChrome();
  if (path) return path;
  console.error(
    'No Chrome or Chromium found. Install one, e.g. on Debian/Ubuntu:\n' +
      '  sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or point CHROME_PATH at an existing Chrome/Chromium binary.',
  );
  process.exit(1);
}
