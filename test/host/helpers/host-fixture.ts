// A DesktopHost as a shell runs it, for tests: a temporary data folder, the key-file encryptor,
// settings in a JSON file, and sign-in pages opened in the real Chromium (driven by a script, as
// a person would). Every bridge answer and every event is kept, so a test can scan all of them.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyFileEncryptor } from '../../../src/core/auth/index.ts';
import { DesktopHost } from '../../../src/host/desktop-host.ts';
import type { DesktopHostOptions } from '../../../src/host/desktop-host.ts';
import type { ValueOf } from '../../../src/host/bridge/handlers.ts';
import type { HostPlatform } from '../../../src/host/platform.ts';
import { JsonFileSettings } from '../../../src/harness/json-settings.ts';
import type { BridgeResult, Problem } from '../../../src/shared/bridge/api.ts';
import type { ArgsOf, Channel, EventName } from '../../../src/shared/bridge/channels.ts';
import { ChromiumSignIns } from '../../helpers/chromium-sign-ins.ts';

export interface RecordedEvent {
  readonly name: EventName;
  readonly payload: unknown;
  readonly at: number;
}

export interface HostFixture {
  readonly host: DesktopHost;
  readonly dataDir: string;
  /** Every answer the host gave, in order. */
  readonly answers: BridgeResult<unknown>[];
  readonly events: RecordedEvent[];
  /** What the host wrote to its log. */
  readonly logs: string[];
  /** Addresses the host asked the shell to open in the system browser. */
  readonly external: string[];
  call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<BridgeResult<ValueOf<C>>>;
  /** The channel's value; fails the test with the problem otherwise. */
  value<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ValueOf<C>>;
  /** The channel's problem; fails the test if it succeeded or failed with another code. */
  problem<C extends Channel>(channel: C, args: ArgsOf<C>, code: Problem['code']): Promise<Problem>;
  /** Chromium for the demo tenant's sign-in pages (launched once the demo tenant's certificate is known). */
  browser(): Promise<ChromiumSignIns>;
  /**
   * The save dialog the shell shows for an export: a path (chosen), undefined (cancelled), or
   * 'none' (no dialog, as in the browser harness: the export comes back as content).
   */
  saveDialog(answer: string | undefined | 'none'): void;
  /** Resolves with the first event of `name` (recorded from now on) that `match` accepts. */
  nextEvent(name: EventName, match: (payload: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startHostFixture(options: DesktopHostOptions & { readonly policyPath?: string; readonly dataDir?: string } = {}): Promise<HostFixture> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'intune-desk-host-')));
  const logs: string[] = [];
  const external: string[] = [];
  let chromium: ChromiumSignIns | undefined;
  const platform: { -readonly [K in keyof HostPlatform]: HostPlatform[K] } = {
    shell: 'web',
    version: '0.0.0-test',
    dataDir,
    encryptor: new KeyFileEncryptor(join(dataDir, 'token-cache.key')),
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    ...(options.policyPath !== undefined ? { policyPath: options.policyPath } : {}),
    async openExternal(url) {
      external.push(url);
    },
    async openDemoSignIn(url) {
      if (!chromium) throw new Error('The test did not launch Chromium before a sign-in.');
      await chromium.openBrowser(url);
    },
    log(level, message, fields) {
      logs.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
    },
  };
  const host = new DesktopHost(platform, { demoDevices: 300, serviceCheckMs: 250, ...options });
  const answers: BridgeResult<unknown>[] = [];
  const events: RecordedEvent[] = [];
  const waiters = new Set<{ name: EventName; match: (payload: unknown) => boolean; resolve: (payload: unknown) => void }>();
  host.onEvent((name, payload) => {
    events.push({ name, payload, at: performance.now() });
    for (const w of [...waiters]) {
      if (w.name === name && w.match(payload)) {
        waiters.delete(w);
        w.resolve(payload);
      }
    }
  });
  await host.start();
  const call = async <C extends Channel>(channel: C, args: ArgsOf<C>): Promise<BridgeResult<ValueOf<C>>> => {
    const answer = await host.serve(channel, args);
    answers.push(answer);
    return answer as BridgeResult<ValueOf<C>>;
  };
  return {
    host,
    dataDir,
    answers,
    events,
    logs,
    external,
    call,
    async value(channel, args) {
      const answer = await call(channel, args);
      if (!answer.ok) assert.fail(`${channel} failed: ${answer.problem.code}: ${answer.problem.message}`);
      return answer.value;
    },
    async problem(channel, args, code) {
      const answer = await call(channel, args);
      if (answer.ok) assert.fail(`${channel} succeeded; expected a ${code} problem`);
      assert.equal(answer.problem.code, code, answer.problem.message);
      return answer.problem;
    },
    saveDialog(answer) {
      if (answer === 'none') delete platform.chooseSavePath;
      else platform.chooseSavePath = async () => ({ path: answer });
    },
    async browser() {
      if (chromium) return chromium;
      const demo = host.demo.endpoint;
      if (!demo) throw new Error('The demo tenant is not running yet.');
      chromium = await ChromiumSignIns.launch(demo.serverCertificateSpkiSha256);
      return chromium;
    },
    nextEvent(name, match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const waiter = { name, match, resolve: (payload: unknown) => {
          clearTimeout(timer);
          resolve(payload);
        } };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No ${name} event matched within ${timeoutMs} ms. Last: ${JSON.stringify(events.filter((e) => e.name === name).at(-1)?.payload)}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      await host.shutdown();
      await chromium?.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
