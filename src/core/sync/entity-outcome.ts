// What the entity sync says about each of the inventory's other entities, for the CLI's summary
// and the desktop app's activity log.
import type { Feature } from '../auth/index.ts';
import type { GraphClient } from '../graph/index.ts';
import type { EntityKind } from '../inventory/index.ts';
import type { Problem } from '../problem.ts';

/** What the entity sync needs of a Graph client. */
export type EntityReader = Pick<GraphClient, 'all' | 'get'>;

/** A part of an entity left out of a sync that otherwise succeeded (one tenant setting, say). */
export type UnreadPart =
  /** The sign-in lacks the scopes Graph asks for this part. */
  | { readonly label: string; readonly reason: 'notGranted'; readonly feature: Feature }
  /** Intune refused it (403): the account's Intune role does not reach it. */
  | { readonly label: string; readonly reason: 'forbidden'; readonly problem: Problem };

export type EntityOutcome =
  | { readonly kind: EntityKind; readonly label: string; readonly status: 'synced'; readonly count: number; readonly unread: readonly UnreadPart[] }
  /** Not asked for: the sign-in does not hold the feature's scopes, and sync never asks for consent. */
  | { readonly kind: EntityKind; readonly label: string; readonly status: 'notGranted'; readonly feature: Feature }
  /** Graph or the store refused; the inventory keeps what it had for this entity. */
  | { readonly kind: EntityKind; readonly label: string; readonly status: 'failed'; readonly problem: Problem };
