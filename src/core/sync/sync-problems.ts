// The sync's own problems, and how any failure of a run becomes one Problem for the user.
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import { isDamageError } from '../inventory/connection.ts';

export function alreadyRunningProblem(): Problem {
  return { code: 'badRequest', message: 'A sync of this tenant is already running; wait for it to finish or cancel it.' };
}

export function cancelledSyncProblem(asOf: string | undefined): Problem {
  return {
    code: 'cancelled',
    message: `The sync was cancelled. ${keptMessage(asOf)}`,
    ...(asOf === undefined ? {} : { asOf }),
  };
}

/**
 * Fewer different devices arrived than Intune counted, and the difference is not explained by
 * devices removed while the sync ran. The snapshot is not committed: a partial inventory that
 * looks complete is worse than one that is older and says so.
 */
export function incompleteSyncProblem(received: number, counted: number, countedAtEnd: number | undefined, asOf: string | undefined): Problem {
  const end = countedAtEnd === undefined || countedAtEnd === counted ? '' : ` (${countedAtEnd.toLocaleString('en-US')} when it ended)`;
  return {
    code: 'serviceError',
    message: `Intune counted ${counted.toLocaleString('en-US')} devices when the sync started${end} but its pages held only ${received.toLocaleString('en-US')}, so the new inventory was not kept. ${keptMessage(asOf)} Sync again; if the counts keep disagreeing, report it with the time of the sync.`,
    ...(asOf === undefined ? {} : { asOf }),
  };
}

/** Whatever a run threw, as the Problem to show; a run the caller cancelled says so whatever the last request did. */
export function problemOf(error: unknown, signal: AbortSignal | undefined, asOf: string | undefined): Problem {
  if (signal?.aborted) return cancelledSyncProblem(asOf);
  // Not the caller's cancellation: the store's own (another full sync took over), said as it is.
  if (error instanceof ProblemError) return error.problem;
  if (isDamageError(error)) return storeDamagedProblem(error);
  return { code: 'serviceError', message: `The sync failed: ${error instanceof Error ? error.message : String(error)}. ${keptMessage(asOf)}` };
}

/** The inventory file failed under the sync (SQLite found it damaged). */
export function isStoreDamage(error: unknown): boolean {
  return (error instanceof ProblemError && error.problem.code === 'storeDamaged') || isDamageError(error);
}

function storeDamagedProblem(error: unknown): Problem {
  return { code: 'storeDamaged', message: `The offline inventory file is damaged (${error instanceof Error ? error.message : String(error)}).` };
}

function keptMessage(asOf: string | undefined): string {
  return asOf === undefined ? 'Nothing had been synced before, so the inventory is still empty.' : `The inventory still shows the devices as of ${asOf}.`;
}
