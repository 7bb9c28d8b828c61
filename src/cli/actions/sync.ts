// What "intune-desk sync" does (commands/sync.ts has its options).
import type { ProfileSignIn } from '../../core/auth/token-cache-file.ts';
import type { InventoryStore } from '../../core/inventory/index.ts';
import { ProblemError } from '../../core/problem.ts';
import { DeviceSync, syncEntities } from '../../core/sync/index.ts';
import type { EntityOutcome, FullSyncReason, SyncEvent, SyncProgress, SyncResult, UnreadPart } from '../../core/sync/index.ts';
import type { SyncRequest } from '../commands/sync.ts';
import type { CliContext } from '../context.ts';
import { formatProblem } from '../output/problem-output.ts';
import { ProgressLine } from '../output/progress.ts';
import { count, describeTime, duration } from '../output/time.ts';
import type { Connection } from '../session.ts';
import { Session } from '../session.ts';
import { EXIT_OK, EXIT_PROBLEM } from '../usage-error.ts';

export async function sync(request: SyncRequest, context: CliContext): Promise<number> {
  const session = new Session(context);
  try {
    const connection = await session.connect('startDemo');
    if (connection.kind === 'offline') throw new ProblemError({ code: 'offline', message: `Cannot sync: ${connection.reason}.` });
    const signIn = await session.signIn();
    if (!signIn) throw new ProblemError({ code: 'signInRequired', message: `Nobody is signed in to ${session.profile.label} on this computer.` });
    return await runSync(session, connection, signIn, request.full, context);
  } finally {
    await session.close();
  }
}

async function runSync(session: Session, connection: Connection, signIn: ProfileSignIn, full: boolean, context: CliContext): Promise<number> {
  const progress = new ProgressLine(context.err, context.now);
  const engine = new DeviceSync({
    client: connection.graph,
    openStore: () => session.openInventory(signIn.tenantId),
    onEvent: (event) => onEvent(event, progress, session),
  });
  session.onClose(() => engine.close());
  const before = engine.store.status();
  let result: SyncResult;
  try {
    result = full ? await engine.fullSync({ signal: context.signal }) : await engine.refresh({ signal: context.signal });
  } catch (error) {
    await progress.finish();
    if (error instanceof ProblemError && error.problem.code === 'cancelled') {
      throw new ProblemError({ ...error.problem, message: `Sync cancelled. The inventory still holds the data ${before.asOf ? `as of ${describeTime(before.asOf, context.now())}` : 'it had (none yet)'}.` });
    }
    throw error;
  }
  await progress.finish();
  const entities = await syncEntities({ graph: connection.graph, store: engine.store, grantedScopes: signIn.grantedScopes, now: context.now, signal: context.signal });
  await context.out.write(summary(session, result, engine.store, entities, context.now()));
  const failures = entities.flatMap((e) => (e.status === 'failed' ? [e] : []));
  for (const f of failures) await context.err.write(formatProblem({ ...f.problem, message: `${f.label} were not refreshed: ${f.problem.message}` }));
  for (const e of entities) {
    for (const part of e.status === 'synced' ? e.unread : []) {
      if (part.reason === 'forbidden') await context.err.write(formatProblem({ ...part.problem, message: `Not read (${part.label}): ${part.problem.message}` }));
    }
  }
  // An Intune role that does not reach an entity is the tenant's decision, not a failed sync.
  return failures.some((f) => f.problem.code !== 'forbidden') ? EXIT_PROBLEM : EXIT_OK;
}

function onEvent(event: SyncEvent, progress: ProgressLine, session: Session): void {
  switch (event.kind) {
    case 'progress':
      progress.update(progressText(event.progress));
      break;
    case 'storeDamaged':
      void session.note(`warning: ${event.problem.message}`);
      break;
    case 'countUnavailable':
      void session.note('note: Intune did not give a total count of devices, so the sync cannot check that it received every one.');
      break;
    case 'fullSyncChosen':
      void session.note(`Full sync: ${REASONS[event.reason]}.`);
      break;
  }
}

const REASONS: Readonly<Record<FullSyncReason, string>> = {
  requested: 'asked for',
  noSnapshot: 'the inventory holds no devices yet',
  reconcileDue: 'the last full sync is old enough that devices deleted in Intune may linger',
  reconcileCount: 'enough incremental refreshes since the last full sync',
  tooManyChanges: 'so many devices changed that fetching all of them costs about the same',
  storeRebuilt: 'the inventory file was damaged and has been started again',
};

function progressText(p: SyncProgress): string {
  const kind = p.kind === 'full' ? 'full sync' : 'incremental';
  switch (p.phase) {
    case 'opening':
      return `Sync (${kind}): opening the inventory…`;
    case 'planning':
      return `Sync (${kind}): planning…`;
    case 'committing':
      return `Sync (${kind}): ${count(p.devicesFetched)} devices received in ${p.pagesFetched} pages; saving…`;
    case 'done':
      return `Sync (${kind}): ${count(p.devicesFetched)} devices in ${p.pagesFetched} pages, ${duration(p.elapsedSeconds)}.`;
    case 'fetching': {
      const of = p.estimatedTotal !== undefined ? ` of ~${count(p.estimatedTotal)}` : '';
      const left = p.secondsLeft !== undefined ? ` · about ${duration(p.secondsLeft)} left` : '';
      return `Sync (${kind}): ${p.pagesFetched} pages · ${count(p.devicesFetched)}${of} devices · ${count(Math.round(p.devicesPerSecond))}/s${left}`;
    }
  }
}

function summary(session: Session, result: SyncResult, store: InventoryStore, entities: readonly EntityOutcome[], now: number): string {
  const status = store.status();
  const lines = [
    result.kind === 'full'
      ? `Synced ${session.profile.label}: full sync, ${count(result.deviceCount)} devices in ${duration(result.seconds)} (${result.pagesFetched} pages).`
      : `Synced ${session.profile.label}: incremental refresh, ${count(result.upserted)} devices changed since ${describeTime(result.since, now)}, in ${duration(result.seconds)}.`,
    `The inventory holds ${count(status.deviceCount)} devices as of ${describeTime(result.asOf, now)}.`,
  ];
  if (result.kind === 'full' && !result.completeness.checked) lines.push(`Not checked against Intune's count: ${result.completeness.reason}`);
  for (const e of entities) {
    if (e.status === 'synced') lines.push(`  ${e.label}: ${count(e.count)}${unreadNote(e.unread)}`);
    else if (e.status === 'notGranted') lines.push(`  ${e.label}: not synced (no permission yet: "intune-desk login --feature ${e.feature}")`);
    else lines.push(`  ${e.label}: not synced (${e.problem.code})`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parts of an entity that were left out, grouped by the permission that would add them. */
function unreadNote(unread: readonly UnreadPart[]): string {
  if (unread.length === 0) return '';
  const byFeature = new Map<string, string[]>();
  const refused: string[] = [];
  for (const part of unread) {
    if (part.reason === 'forbidden') refused.push(part.label);
    else byFeature.set(part.feature, [...(byFeature.get(part.feature) ?? []), part.label]);
  }
  const notes = [...byFeature].map(([feature, labels]) => `${labels.join(', ')}: "intune-desk login --feature ${feature}"`);
  if (refused.length > 0) notes.push(`${refused.join(', ')}: refused by your Intune role`);
  return ` (not read: ${notes.join('; ')})`;
}
