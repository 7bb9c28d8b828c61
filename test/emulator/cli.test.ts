// `npm run emulator` as a developer and the app's launcher use it: a real child process, one
// JSON ready line on stdout and nothing else there, logs on stderr, strict arguments, and a
// clean stop on SIGTERM or SIGINT that frees the port.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { httpsRequest } from '../helpers/https-request.ts';
import { runCli, startCli } from '../helpers/emulator-process.ts';
import type { EmulatorProcess } from '../helpers/emulator-process.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Resolves true when something accepts connections on the port, false when it is refused. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

describe('a started demo tenant', () => {
  let dataDir: string;
  let emulator: EmulatorProcess;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'intune-desk-cli-'));
    emulator = await startCli(['--devices', '300', '--port', '0', '--data-dir', dataDir]);
  });
  after(async () => {
    await emulator?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  test('the ready line names everything a client needs', async () => {
    const { ready } = emulator;
    const base = new URL(ready.graphBaseUrl);
    assert.equal(base.protocol, 'https:');
    assert.equal(base.hostname, '127.0.0.1');
    assert.ok(Number(base.port) > 0, 'a real port, not 0');
    assert.equal(ready.authority, `${ready.graphBaseUrl}/organizations`);
    assert.match(ready.clientId, GUID);
    assert.ok(ready.serverCertificateSpkiSha256.length > 40);
    assert.equal(ready.admin.url, `${ready.graphBaseUrl}/_emulator`);
    assert.ok(ready.admin.key.length >= 16);

    assert.ok(ready.tenants.length >= 2, 'two tenants at least');
    for (const tenant of ready.tenants) {
      assert.match(tenant.id, GUID);
      assert.ok(tenant.domains.length > 0 && tenant.domains.every((d) => d.includes('.')), JSON.stringify(tenant.domains));
      assert.equal(tenant.authority, `${ready.graphBaseUrl}/${tenant.domains[0]}`);
    }
    assert.equal(ready.tenants[0]?.devices, 300);

    for (const user of ready.users) {
      assert.match(user.upn, /^[^@\s]+@[^@\s]+\.[a-z]+$/);
      assert.ok(user.password.length >= 8, user.upn);
      assert.ok(user.description.length > 10, user.upn);
      assert.ok(ready.tenants.some((t) => t.domains.includes(user.tenant)), `${user.upn} belongs to a listed tenant`);
    }
    const roles = ready.users.map((u) => u.roles);
    for (const role of ['Intune Administrator', 'Help Desk Operator', 'Read Only Operator']) {
      assert.ok(roles.some((r) => r.includes(role)), `a user holds ${role}`);
    }
    assert.ok(roles.some((r) => r.length === 0), 'a user with no Intune role');
  });

  test('the CA certificate file is a PEM CA that the server certificate chains to', async () => {
    const path = emulator.ready.caCertificate;
    assert.ok(existsSync(path), path);
    assert.equal(resolve(dirname(path)), resolve(dataDir, 'tls'), 'kept in the data folder');
    const pem = readFileSync(path, 'utf8');
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/);
    assert.equal(new X509Certificate(pem).ca, true);
    // Trusting exactly this CA is enough to talk to the tenant over TLS.
    const discovery = await httpsRequest(`${emulator.ready.authority}/v2.0/.well-known/openid-configuration`, { ca: pem });
    assert.equal(discovery.status, 200);
  });

  test('a second tenant on the same port says so plainly, and leaves no temporary folder', async () => {
    const port = new URL(emulator.ready.graphBaseUrl).port;
    const temp = await mkdtemp(join(tmpdir(), 'intune-desk-cli-port-'));
    try {
      const exit = await runCli(['--devices', '50', '--port', port], { ...process.env, TMPDIR: temp });
      assert.notEqual(exit.code, 0);
      assert.equal(exit.stdout, '');
      assert.equal(exit.stderr.trim(), `Port ${port} on 127.0.0.1 is already in use; choose another --port, or 0 for any free one.`);
      assert.deepEqual(readdirSync(temp), []);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  test('stdout holds the ready line and nothing else; logs go to stderr', () => {
    assert.doesNotThrow(() => JSON.parse(emulator.readyLine));
    assert.match(emulator.stderr(), /Demo tenant ready at https:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('stopping', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} stops it cleanly: exit code 0, one stdout line, the port closed`, async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'intune-desk-cli-stop-'));
      try {
        const emulator = await startCli(['--devices', '100', '--data-dir', dataDir]);
        const port = Number(new URL(emulator.ready.graphBaseUrl).port);
        assert.equal(await portOpen(port), true, 'listening while running');
        const exit = await emulator.stop(signal);
        assert.equal(exit.signal, null, 'handled, not killed by the signal');
        assert.equal(exit.code, 0, exit.stderr);
        assert.equal(exit.stdout, `${emulator.readyLine}\n`, 'exactly one line on stdout');
        assert.match(exit.stderr, new RegExp(`Received ${signal}`));
        assert.equal(await portOpen(port), false, 'nothing listens after the stop');
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }

  test('a SIGTERM sent the moment the ready line appears is handled too, every time', async () => {
    // A launcher stopping the tenant right after start once raced the signal listener's setup.
    for (let run = 0; run < 6; run++) {
      const emulator = await startCli(['--devices', '50']);
      const exit = await emulator.stop('SIGTERM');
      assert.deepEqual({ run, code: exit.code, signal: exit.signal }, { run, code: 0, signal: null }, exit.stderr);
    }
  });
});

describe('arguments', () => {
  test('--help prints the usage on stdout and exits 0', async () => {
    const exit = await runCli(['--help']);
    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stdout, /^Usage: npm run emulator -- /);
    for (const flag of ['--devices', '--seed', '--port', '--latency-ms', '--data-dir', '--help']) assert.ok(exit.stdout.includes(flag), flag);
    assert.doesNotMatch(exit.stderr, /ready/i);
  });

  const bad: readonly (readonly [readonly string[], RegExp])[] = [
    [['--devices', 'abc'], /--devices must be a whole number, got "abc"/],
    [['--bogus'], /Unknown argument "--bogus"\. Run with --help/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535, got 70000/],
    [['--devices'], /--devices needs a value/],
    [['--seed', '--port', '0'], /--seed needs a value/],
    [['--latency-ms', '-5'], /--latency-ms/],
    [['--data-dir', ' '], /--data-dir must be a folder path/],
  ];
  for (const [args, message] of bad) {
    test(`${args.join(' ')} is refused with a clear message and nothing on stdout`, async () => {
      const exit = await runCli(args);
      assert.notEqual(exit.code, 0);
      assert.equal(exit.signal, null);
      assert.match(exit.stderr, message);
      assert.equal(exit.stdout, '');
      assert.doesNotMatch(exit.stderr, /at .*\.ts:\d+/, 'a message, not a stack trace');
    });
  }
});

test('the demo tenant imports nothing from electron, directly or through what it imports', () => {
  const root = fileURLToPath(new URL('../../src/emulator/', import.meta.url));
  const seen = new Set<string>();
  const bare = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
      const specifier = m[1] ?? m[2] ?? m[3] ?? '';
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else bare.set(specifier, file);
    }
  };
  // Every file under src/emulator, not only what cli.ts reaches, and whatever they import elsewhere.
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) visit(path);
    }
  };
  walk(root);
  assert.ok(seen.size > 50, `scanned ${seen.size} files`);
  const electron = [...bare].filter(([s]) => s === 'electron' || s.startsWith('electron/') || s.startsWith('@electron/'));
  assert.deepEqual(electron, []);
  // Only Node built-ins and runtime dependencies: the CLI must run without dev dependencies.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  const packageOf = (s: string): string => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s));
  const outside = [...bare.keys()].filter((s) => !s.startsWith('node:') && !(packageOf(s) in pkg.dependencies));
  assert.deepEqual(outside, []);
});
