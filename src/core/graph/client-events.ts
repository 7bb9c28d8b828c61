// What the client tells its owner as it works: every send and answer (so the sync engine can show
// progress and tests can check ordering), and every wait with its reason. Events never carry a
// token or a request body.
import type { BudgetUnit } from './rate-budget.ts';

export type WaitReason = 'rateBudget' | 'retryAfter' | 'backoff';

export type GraphClientEvent =
  | {
      readonly kind: 'send';
      readonly at: number;
      readonly clientRequestId: string;
      readonly method: string;
      /** Path and query after the host ('/beta/deviceManagement/managedDevices?$top=100'). */
      readonly path: string;
      /** 1 for the first try of this logical request. */
      readonly attempt: number;
      /** For $batch: the ids of the items in this envelope. */
      readonly batchItemIds?: readonly string[];
    }
  | {
      readonly kind: 'response';
      readonly at: number;
      readonly clientRequestId: string;
      readonly status: number;
      readonly attempt: number;
      readonly requestId?: string;
      /** What the service asked to wait, from Retry-After or Intune's message. */
      readonly retryAfterMs?: number;
    }
  | {
      readonly kind: 'connectionFailed';
      readonly at: number;
      readonly clientRequestId: string;
      readonly attempt: number;
      readonly code: string;
      /** Whether the request may have reached the server. */
      readonly sent: boolean;
    }
  | {
      readonly kind: 'wait';
      readonly at: number;
      readonly reason: WaitReason;
      readonly ms: number;
      readonly clientRequestId?: string;
      readonly budget?: BudgetUnit;
    }
  | {
      /** A $batch round: which items went, and which come back for another round. */
      readonly kind: 'batchRound';
      readonly at: number;
      readonly round: number;
      readonly sentItemIds: readonly string[];
      readonly retryItemIds: readonly string[];
    };

export type GraphClientListener = (event: GraphClientEvent) => void;
