// The app:// protocol: files of the renderer build only, right content types, the CSP on every answer.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { contentTypeOf } from '../../src/main/app-protocol/content-types.ts';
import { resolveAppFile } from '../../src/main/app-protocol/resolve-app-file.ts';
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../src/main/app-protocol/security-headers.ts';
import { serveAppFile } from '../../src/main/app-protocol/serve-app-file.ts';

let base: string;
let root: string;

before(() => {
  base = mkdtempSync(join(tmpdir(), 'intune-desk-protocol-'));
  root = join(base, 'dist', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Intune Desk</title><script type="module" src="./assets/index.js"></script>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log("hi")');
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(root, 'assets', 'blob.bin'), Buffer.from([1, 2, 3]));
  // Beside the renderer build, where no request may reach.
  writeFileSync(join(base, 'dist', 'secret.txt'), 'token-cache');
  mkdirSync(join(base, 'dist', 'renderer-evil'), { recursive: true });
  writeFileSync(join(base, 'dist', 'renderer-evil', 'x.js'), 'evil');
});

after(() => rmSync(base, { recursive: true, force: true }));

const EXPECTED_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

test('the CSP is exactly the strict policy', () => {
  assert.equal(CONTENT_SECURITY_POLICY, EXPECTED_CSP);
  assert.equal(securityHeaders()['Content-Security-Policy'], EXPECTED_CSP);
  const directives = new Map(EXPECTED_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('connect-src'), "'none'");
  for (const [name, value] of directives) {
    assert.doesNotMatch(value, /unsafe-inline|unsafe-eval|\*|https?:/, `${name} must not loosen the policy`);
  }
  assert.equal(securityHeaders()['X-Content-Type-Options'], 'nosniff');
});

test('content types are those Chromium needs under nosniff', () => {
  assert.equal(contentTypeOf('/a/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeOf('/a/x.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeOf('/a/X.MJS'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeOf('/a/x.css'), 'text/css; charset=utf-8');
  assert.equal(contentTypeOf('/a/x.svg'), 'image/svg+xml');
  assert.equal(contentTypeOf('/a/x.woff2'), 'font/woff2');
  assert.equal(contentTypeOf('/a/x.json'), 'application/json; charset=utf-8');
  assert.equal(contentTypeOf('/a/x.exe'), 'application/octet-stream');
  assert.equal(contentTypeOf('/a/noextension'), 'application/octet-stream');
});

test('paths resolve inside the renderer build', () => {
  assert.deepEqual(resolveAppFile(root, 'app://intune-desk/'), { kind: 'file', path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  assert.deepEqual(resolveAppFile(root, 'app://intune-desk'), { kind: 'file', path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  const js = resolveAppFile(root, 'app://intune-desk/assets/index.js?v=1#x');
  assert.equal(js.kind === 'file' && js.path, join(root, 'assets', 'index.js'));
  // Dot segments inside the build are fine once resolved.
  const dotted = resolveAppFile(root, 'app://intune-desk/assets/../assets/./index.css');
  assert.equal(dotted.kind === 'file' && dotted.path, join(root, 'assets', 'index.css'));
});

test('traversal out of the renderer build is refused however it is spelled', () => {
  const attempts = [
    'app://intune-desk/..%2fsecret.txt',
    'app://intune-desk/assets/..%2f..%2fsecret.txt',
    'app://intune-desk/%2e%2e%2fsecret.txt',
    'app://intune-desk/..%252fsecret.txt',
    'app://intune-desk/..%5csecret.txt',
    'app://intune-desk/assets%5c..%5c..%5csecret.txt',
    'app://intune-desk/%2fetc%2fpasswd',
    'app://intune-desk/..%2frenderer-evil%2fx.js',
    'app://intune-desk/%00index.html',
    'app://intune-desk/%E0%A4%A',
  ];
  for (const url of attempts) {
    const file = resolveAppFile(root, url);
    if (file.kind === 'file') {
      // Only acceptable if it still lands inside the build: %252f decodes once, to a literal
      // file name "..%2fsecret.txt" in the build folder, which is not the secret beside it.
      assert.ok(file.path.startsWith(root + sep), `${url} escaped to ${file.path}`);
      assert.notEqual(file.path, join(base, 'dist', 'secret.txt'));
    } else {
      assert.ok([400, 403, 404].includes(file.status), `${url}: ${file.status}`);
    }
  }
  assert.equal(resolveAppFile(root, 'app://intune-desk/..%2fsecret.txt').kind, 'refused');
  assert.equal(resolveAppFile(root, 'app://intune-desk/..%2frenderer-evil%2fx.js').kind, 'refused');
});

test('other schemes and hosts are not ours to serve', () => {
  assert.equal(resolveAppFile(root, 'app://other/index.html').kind, 'refused');
  assert.equal(resolveAppFile(root, 'file:///etc/passwd').kind, 'refused');
  assert.equal(resolveAppFile(root, 'https://intune-desk/index.html').kind, 'refused');
  assert.equal(resolveAppFile(root, 'not a url').kind, 'refused');
});

test('served files carry their content type and the CSP; so do refusals', async () => {
  const html = await serveAppFile('GET', 'app://intune-desk/', { rootDir: root });
  assert.equal(html.status, 200);
  assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(html.headers.get('content-security-policy'), EXPECTED_CSP);
  assert.match(await html.text(), /<title>Intune Desk<\/title>/);

  const js = await serveAppFile('GET', 'app://intune-desk/assets/index.js', { rootDir: root });
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await js.text(), 'console.log("hi")');

  const font = await serveAppFile('GET', 'app://intune-desk/assets/font.woff2', { rootDir: root });
  assert.deepEqual(Buffer.from(await font.arrayBuffer()), Buffer.from([0x77, 0x4f, 0x46, 0x32]));

  const refusals: { url: string; status: number; reason: string }[] = [];
  const onRefused = (url: string, status: number, reason: string): void => void refusals.push({ url, status, reason });
  const outside = await serveAppFile('GET', 'app://intune-desk/..%2fsecret.txt', { rootDir: root, onRefused });
  assert.equal(outside.status, 403);
  assert.equal(outside.headers.get('content-security-policy'), EXPECTED_CSP);
  assert.doesNotMatch(await outside.text(), /token-cache/);

  const missing = await serveAppFile('GET', 'app://intune-desk/assets/nope.js', { rootDir: root, onRefused });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('content-security-policy'), EXPECTED_CSP);

  const folder = await serveAppFile('GET', 'app://intune-desk/assets', { rootDir: root, onRefused });
  assert.equal(folder.status, 404);

  const post = await serveAppFile('POST', 'app://intune-desk/index.html', { rootDir: root, onRefused });
  assert.equal(post.status, 405);
  assert.deepEqual(refusals.map((r) => r.status), [403, 404, 404, 405]);
});

test('HEAD answers the headers without a body', async () => {
  const head = await serveAppFile('HEAD', 'app://intune-desk/index.html', { rootDir: root });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(Buffer.byteLength('<!doctype html><title>Intune Desk</title><script type="module" src="./assets/index.js"></script>')));
  assert.equal(await head.text(), '');
});
