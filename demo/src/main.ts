// The demo page's entry: load the kit (and the second language), reach the local server that serves
// the page, read the elements' manifest, start the app.
import '../../src/elements/index.js';
import '../../src/elements/translations/es.js';
import { html, render } from 'lit';
import { DemoApp } from './app.js';
import { LocalServer } from './local-server.js';
import { elementsByTag, loadManifest } from './manifest.js';
import { Scenarios } from './scenarios.js';

async function main(): Promise<void> {
  let server: LocalServer;
  try {
    server = await LocalServer.connect();
  } catch (error) {
    const main = document.getElementById('story')!;
    main.replaceChildren();
    render(
      html`<div class="fatal" role="alert">
        <h1>The local server does not answer</h1>
        <p>The demo reads <code>/dev/config</code> from the server that serves it (${(error as Error).message}).
          Start everything with <code>npm start</code> and open the URL it prints.</p>
      </div>`,
      main,
    );
    return;
  }
  const manifest = await loadManifest();
  new DemoApp(server, new Scenarios(server), elementsByTag(manifest)).start();
}

void main();
