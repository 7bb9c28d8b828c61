// A second Intune Desk process on the same token cache (run by concurrent-cache.test.ts, not a
// test itself): the real auth service hammering silent token acquisition, half of it forcing a
// refresh (so the rotating refresh token is redeemed and the cache rewritten), then a Graph call
// with its last token. Prints one JSON line.
import { request } from 'node:https';
import { AuthService } from '../../../src/core/auth/auth-service.ts';
import { KeyFileEncryptor } from '../../../src/core/auth/key-file-encryptor.ts';
import type { TenantProfile } from '../../../src/core/auth/tenant-profile.ts';
import { TokenCacheFile } from '../../../src/core/auth/token-cache-file.ts';

interface WorkerInput {
  readonly cacheFile: string;
  readonly keyFile: string;
  readonly profile: TenantProfile;
  readonly scopes: readonly string[];
  readonly iterations: number;
  readonly graphUrl: string;
}

const input = JSON.parse(process.env['TOKEN_WORKER_INPUT'] ?? '{}') as WorkerInput;

function service(): AuthService {
  return new AuthService({
    profiles: [input.profile],
    tokenCache: new TokenCacheFile({ path: input.cacheFile, encryptor: new KeyFileEncryptor(input.keyFile) }),
    openBrowser: async () => { throw new Error('a worker never opens a browser'); },
    purgeTenantData: async () => undefined,
  });
}

function graphStatus(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(input.graphUrl, { ca: input.profile.trustedCaPem, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

try {
  const shared = service();
  const tokens = new Set<string>();
  let refreshes = 0;
  for (let i = 0; i < input.iterations; i++) {
    if (i % 2 === 0) {
      tokens.add((await shared.getAccessToken(input.profile.id, input.scopes, { forceRefresh: true })).token);
      refreshes++;
    } else {
      // A fresh service reads whatever the file holds now (no in-memory shortcut).
      tokens.add((await service().getAccessToken(input.profile.id, input.scopes)).token);
    }
  }
  const last = await service().getAccessToken(input.profile.id, input.scopes);
  process.stdout.write(`${JSON.stringify({ ok: true, refreshes, distinctTokens: tokens.size, graphStatus: await graphStatus(last.token) })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })}\n`);
  process.exitCode = 1;
}
