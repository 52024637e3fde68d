// The SDK loaded the way the TaskRouter.js v1 pages load it: a classic <script src> (dist/taskrouter.min.js, as
// it ships, served by test/elements/shipped-bundle.mjs), then `new Twilio.TaskRouter.Workspace(token)` in
// another classic script, against the real local server.
import { expect } from '@open-wc/testing';
import type * as Sdk from '../../src/sdk/index.js';

const server = (window as { __TASKROUTER_SERVER__?: string }).__TASKROUTER_SERVER__;

/** Adds a classic script (not a module) and resolves once it has run. */
function classicScript(attributes: { src?: string; text?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onerror = () => reject(new Error(`${attributes.src} did not load`));
    if (attributes.src) {
      script.onload = () => resolve();
      script.src = attributes.src;
    } else {
      script.text = attributes.text!;
    }
    document.head.append(script);
    if (!attributes.src) resolve();
  });
}

describe('the SDK as a classic script, as the v1 pages load it', () => {
  it('defines Twilio.TaskRouter, whose Workspace connects and lists activities with a callback', async () => {
    if (!server) throw new Error('window.__TASKROUTER_SERVER__ is not set: run these tests with web-test-runner.config.mjs');
    await classicScript({ src: '/shipped/taskrouter.min.js' });
    const global = window as unknown as { Twilio: { TaskRouter: typeof Sdk }; activityNames?: Promise<string[]> };
    expect(Object.keys(global.Twilio.TaskRouter)).to.include.members(['Worker', 'Workspace', 'TaskQueue']);

    const { token } = await (await fetch(`${server}/dev/tokens/workspace`)).json();
    // The pages' sample, in a classic script of its own.
    await classicScript({
      text: `window.activityNames = new Promise(function (resolve, reject) {
        var workspace = new Twilio.TaskRouter.Workspace(${JSON.stringify(token)}, { eventBridgeUrl: ${JSON.stringify(server)} });
        workspace.on("ready", function () {
          workspace.activities.fetch(function (error, activityList) {
            workspace.disconnect();
            if (error) return reject(error);
            resolve(activityList.data.map(function (activity) { return activity.friendlyName; }));
          });
        });
      });`,
    });
    expect(await global.activityNames).to.include.members(['Offline', 'Available']);
  });
});
