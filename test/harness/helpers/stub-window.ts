// A stand-in for the built window (dist/renderer), so the harness can be tested without the
// renderer's build: an index.html whose own module records whether window.intuneDesk was there
// when it ran, and drives the bridge for the test.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STUB_APP = `
const api = window.intuneDesk;
document.body.dataset.bridgeAtStart = api ? 'present' : 'missing';
document.body.dataset.methods = api ? Object.keys(api).sort().join(',') : '';
document.body.dataset.hash = window.location.hash;
`;

export async function stubWindow(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'intune-desk-stub-window-'));
  await writeFile(join(dir, 'index.html'), `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Intune Desk (stub)</title>
    <link rel="icon" href="data:,">
    <script type="module" src="./app.js"></script>
  </head>
  <body><h1>Stub window</h1></body>
</html>
`);
  await writeFile(join(dir, 'app.js'), STUB_APP);
  await writeFile(join(dir, 'style.css'), 'body { margin: 0 }\n');
  return dir;
}
