// /_emulator: the switches tests flip at runtime (faults, throttling, token lifetime, action
// delays). Guarded by a key made for each start, so only whoever read the ready line can use it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { readBody } from './http/body.ts';
import { sendJson } from './http/send.ts';
import type { FaultInjector } from './faults/fault-injector.ts';
import { parseFaultSettings } from './faults/fault-settings.ts';
import type { IntuneThrottle } from './graph/throttling/intune-throttle.ts';
import { parseThrottleSettings } from './graph/throttling/settings.ts';
import { isJsonObject } from './graph/model/json.ts';

export const ADMIN_KEY_HEADER = 'x-demo-tenant-admin-key';

export interface ActionDelays {
  completeMs: number;
  removeMs: number;
}

export interface AdminDeps {
  readonly key: string;
  readonly faults: FaultInjector;
  readonly throttle: IntuneThrottle;
  readonly actionDelays: ActionDelays;
  readonly setAccessTokenLifetime: (seconds: number) => void;
  readonly setClockSkew: (seconds: number) => void;
  readonly status: () => unknown;
}

export function createAdminHandler(deps: AdminDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  return async (req, res, url) => {
    const given = Buffer.from(String(req.headers[ADMIN_KEY_HEADER] ?? ''));
    const expected = Buffer.from(deps.key);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendJson(res, 401, { error: `Send the admin key from the ready line in the ${ADMIN_KEY_HEADER} header.` });
      return;
    }
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /_emulator/status') {
      sendJson(res, 200, deps.status());
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8') || '{}');
    } catch {
      sendJson(res, 400, { error: 'The body must be a JSON object.' });
      return;
    }
    switch (route) {
      case 'PATCH /_emulator/faults': {
        const parsed = parseFaultSettings(body, deps.faults.settings());
        if (!parsed.ok) return sendJson(res, 400, { error: parsed.message });
        deps.faults.update(parsed.settings);
        return sendJson(res, 200, deps.faults.settings());
      }
      case 'PATCH /_emulator/throttling': {
        const parsed = parseThrottleSettings(body, deps.throttle.settings());
        if (!parsed.ok) return sendJson(res, 400, { error: parsed.message });
        deps.throttle.update(parsed.settings);
        return sendJson(res, 200, deps.throttle.settings());
      }
      case 'PATCH /_emulator/identity': {
        const problem = identitySettingsProblem(body);
        if (problem || !isJsonObject(body)) return sendJson(res, 400, { error: problem ?? 'The body must be a JSON object.' });
        const lifetime = body['accessTokenLifetimeSeconds'];
        const skew = body['clockSkewSeconds'];
        if (typeof lifetime === 'number') deps.setAccessTokenLifetime(lifetime);
        if (typeof skew === 'number') deps.setClockSkew(skew);
        return sendJson(res, 200, body);
      }
      case 'PATCH /_emulator/actions': {
        const problem = actionDelayProblem(body);
        if (problem) return sendJson(res, 400, { error: problem });
        Object.assign(deps.actionDelays, body);
        return sendJson(res, 200, deps.actionDelays);
      }
      default:
        return sendJson(res, 404, { error: `No admin route ${route}. Routes: GET /_emulator/status, PATCH /_emulator/{faults,throttling,identity,actions}.` });
    }
  };
}

function actionDelayProblem(body: unknown): string | undefined {
  if (!isJsonObject(body)) return 'The body must be a JSON object.';
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'completeMs' && key !== 'removeMs') return `Unknown setting ${key}; use completeMs and removeMs.`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 3_600_000) return `${key} must be a whole number of milliseconds from 0 to 3600000.`;
  }
  return undefined;
}

const IDENTITY_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  accessTokenLifetimeSeconds: [1, 86_400],
  clockSkewSeconds: [0, 3_600],
};

function identitySettingsProblem(body: unknown): string | undefined {
  if (!isJsonObject(body) || Object.keys(body).length === 0) return 'Send {"accessTokenLifetimeSeconds": N} and/or {"clockSkewSeconds": N}.';
  for (const [key, value] of Object.entries(body)) {
    const limits = IDENTITY_LIMITS[key];
    if (!limits) return `Unknown setting ${key}; use accessTokenLifetimeSeconds or clockSkewSeconds.`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < limits[0] || value > limits[1]) return `${key} must be a whole number from ${limits[0]} to ${limits[1]}.`;
  }
  return undefined;
}
