// The IPC sender check: only the main frame of our own window, showing an app://intune-desk page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSender } from '../../src/main/security/trusted-sender.ts';
import type { SenderFrame } from '../../src/main/security/trusted-sender.ts';

let tokens = 0;
function frame(url: string, origin: string, parent: SenderFrame | null = null, processId = 7): SenderFrame {
  tokens++;
  return { url, origin, parent, processId, frameToken: `frame-token-${tokens}` };
}

const ours = frame('app://intune-desk/index.html', 'app://intune-desk');

test('our main frame on an app://intune-desk page is trusted', () => {
  assert.deepEqual(checkSender(ours, ours), { trusted: true });
  const deeper = frame('app://intune-desk/index.html?view=devices#row-4', 'app://intune-desk');
  assert.deepEqual(checkSender(deeper, deeper), { trusted: true });
});

test('a frame that is gone, or a closed window, is refused', () => {
  assert.equal(checkSender(null, ours).trusted, false);
  assert.equal(checkSender(undefined, ours).trusted, false);
  assert.equal(checkSender(ours, undefined).trusted, false);
});

test('a second wrapper object for our main frame is still our main frame', () => {
  const rewrapped: SenderFrame = { ...ours };
  assert.notEqual(rewrapped, ours);
  assert.deepEqual(checkSender(rewrapped, ours), { trusted: true });
});

test('the same frame token in another renderer process is another frame', () => {
  const elsewhere: SenderFrame = { ...ours, processId: ours.processId + 1 };
  assert.equal(checkSender(elsewhere, ours).trusted, false);
  const noToken: SenderFrame = { ...ours, frameToken: '' };
  assert.equal(checkSender(noToken, { ...ours, frameToken: '' }).trusted, false, 'an empty token names no frame');
});

test('another window showing the very same page is refused: the same frame, not an equal one', () => {
  const twin = frame('app://intune-desk/index.html', 'app://intune-desk');
  const verdict = checkSender(twin, ours);
  assert.equal(verdict.trusted, false);
  assert.match(!verdict.trusted ? verdict.reason : '', /another window/);
});

test('a subframe of our window is refused, even on our origin', () => {
  const child = frame('app://intune-desk/frame.html', 'app://intune-desk', ours);
  assert.equal(checkSender(child, ours).trusted, false);
  // Even if it were somehow taken for the main frame, having a parent refuses it.
  assert.equal(checkSender(child, child).trusted, false);
});

test('our window after navigating elsewhere is refused: other schemes, hosts, file://', () => {
  const elsewhere = [
    frame('file:///C:/Users/adele/evil.html', 'file://'),
    frame('file:///home/adele/index.html', 'null'),
    frame('https://intune-desk/index.html', 'https://intune-desk'),
    frame('https://login.microsoftonline.com/common/oauth2/v2.0/authorize', 'https://login.microsoftonline.com'),
    frame('app://intune-desk.evil.com/index.html', 'app://intune-desk.evil.com'),
    frame('app://evil/index.html', 'app://evil'),
    frame('app://intune-desk:8080/index.html', 'app://intune-desk:8080'),
    frame('app://user:pass@intune-desk/index.html', 'app://intune-desk'),
    frame('http://127.0.0.1:5173/index.html', 'http://127.0.0.1:5173'),
    frame('about:blank', 'app://intune-desk'),
    frame('devtools://devtools/bundled/inspector.html', 'devtools://devtools'),
    frame('not a url', 'null'),
  ];
  for (const page of elsewhere) {
    assert.equal(checkSender(page, page).trusted, false, `${page.url} (origin ${page.origin}) must be refused`);
  }
});

test('an app:// URL whose serialized origin disagrees is refused', () => {
  const opaque = frame('app://intune-desk/index.html', 'null');
  assert.equal(checkSender(opaque, opaque).trusted, false);
});

test('refusal reasons never carry the query string', () => {
  const page = frame('https://evil.example/steal?access_token=eyJhbGciOi.x.y', 'https://evil.example');
  const verdict = checkSender(page, page);
  assert.equal(verdict.trusted, false);
  assert.doesNotMatch(!verdict.trusted ? verdict.reason : '', /access_token|eyJ/);
});
