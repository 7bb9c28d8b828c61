// Is the service there? One quick HTTPS request, before a read decides between live data and
// the offline inventory: any answer at all means reachable (Graph answers 401 to no token).
// The Graph client's own retries would take half a minute to give up on a dead network.
import { request } from 'node:https';

export function isReachable(url: string, caCertificatePem: string | undefined, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: boolean): void => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs, ...(caCertificatePem !== undefined ? { ca: caCertificatePem } : {}) }, (res) => {
      res.resume();
      done(true);
      req.destroy();
    });
    req.on('timeout', () => {
      done(false);
      req.destroy();
    });
    req.on('error', () => done(false));
    req.end();
  });
}
