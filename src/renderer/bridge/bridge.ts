// The only module that reads window.intuneDesk. Everything else calls through `call`, which
// turns a bridge that throws (the harness socket closed, the host crashed) into a Problem like
// any other failure, so the place that asked can show it.
import type { BridgeResult, IntuneDeskApi, Problem } from '../../shared/bridge/api.ts';

export type { BridgeResult, IntuneDeskApi };

/** The bridge, or undefined when the page was opened without the desktop host or the harness. */
export function findBridge(): IntuneDeskApi | undefined {
  return (window as { readonly intuneDesk?: IntuneDeskApi }).intuneDesk;
}

export function bridge(): IntuneDeskApi {
  const api = findBridge();
  if (api === undefined) throw new Error('window.intuneDesk is missing: open this page from Intune Desk or `npm run start:web`.');
  return api;
}

function hostProblem(error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `Intune Desk's background service did not answer (${detail}). Restart the app; if it happens again, send the log to support.`,
  };
}

/** Calls one bridge method; never throws. */
export async function call<T>(invoke: (api: IntuneDeskApi) => Promise<BridgeResult<T>>): Promise<BridgeResult<T>> {
  try {
    return await invoke(bridge());
  } catch (error) {
    return { ok: false, problem: hostProblem(error) };
  }
}
