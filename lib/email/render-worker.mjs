// Worker thread of render-client.ts: loads the React Email template through tsx (plain Node, no react-server
// condition, so react-dom/server is available) and renders what the main thread sends.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { renderEmail } = await import('./campaign-email.tsx');

parentPort.on('message', async ({ id, content }) => {
  try {
    parentPort.postMessage({ id, result: await renderEmail(content) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
