// Decides, request by request in arrival order, which faults to inject. Every decision
// draws the same number of values from one seeded stream whatever the settings or the
// outcome, so the same seed and the same request sequence give the same decisions, and
// changing a switch mid-run changes what the draws mean but not which draw a request gets.
import { SeededRandom } from '../rng.ts';
import type { FaultDecision, FaultOutcome } from './fault-decision.ts';
import { SERVER_ERROR_STATUSES } from './fault-decision.ts';
import type { FaultSettings } from './fault-settings.ts';
import { faultSettingsProblem } from './fault-settings.ts';

/** A stream of its own, so faults never shift the generated data drawn from the same seed. */
const FAULT_STREAM = 0xfa17;
/** How often a 503/504 carries Retry-After, and its range in seconds. */
const RETRY_AFTER_CHANCE = 0.5;
const RETRY_AFTER_MAX_SECONDS = 10;

export interface FaultRequestKind {
  /** A GET of a collection (a page): the only kind that can get a malformed body. */
  readonly isCollectionGet: boolean;
}

export class FaultInjector {
  private readonly random: SeededRandom;
  private current: FaultSettings;

  constructor(seed: number, settings: FaultSettings) {
    this.random = new SeededRandom(seed, FAULT_STREAM);
    this.current = checked(settings);
  }

  decide(kind: FaultRequestKind): FaultDecision {
    const s = this.current;
    // Fixed draws, always all of them (see the file comment).
    const exclusiveRoll = this.random.next();
    const jitterRoll = this.random.next();
    const statusRoll = this.random.next();
    const retryAfterRoll = this.random.next();
    const retryAfterValueRoll = this.random.next();
    const dropTimingRoll = this.random.next();
    const slowRoll = this.random.next();

    // One roll splits [0, 1) into drop | error | malformed page | nothing, so each rate is
    // exactly the fraction of requests it names even when several are on.
    let outcome: FaultOutcome = { kind: 'none' };
    if (exclusiveRoll < s.dropRate) {
      outcome = { kind: 'drop', afterHandling: dropTimingRoll < 0.5 };
    } else if (exclusiveRoll < s.dropRate + s.errorRate) {
      const status = SERVER_ERROR_STATUSES[Math.floor(statusRoll * SERVER_ERROR_STATUSES.length)] ?? 500;
      const mayRetry = status === 503 || status === 504;
      const retryAfterSeconds = mayRetry && retryAfterRoll < RETRY_AFTER_CHANCE ? 1 + Math.floor(retryAfterValueRoll * RETRY_AFTER_MAX_SECONDS) : undefined;
      outcome = { kind: 'serverError', status, retryAfterSeconds };
    } else if (kind.isCollectionGet && exclusiveRoll < s.dropRate + s.errorRate + s.malformedPageRate) {
      outcome = { kind: 'malformedPage' };
    }
    const slow = outcome.kind !== 'drop' && slowRoll < s.slowBodyRate;
    return {
      delayMs: s.latencyMs + Math.floor(jitterRoll * (s.jitterMs + 1)),
      outcome,
      slowBodyBytesPerSecond: slow ? s.slowBodyBytesPerSecond : undefined,
    };
  }

  /** Changes some switches; takes effect from the next decision. Throws on invalid values. */
  update(partial: Partial<FaultSettings>): void {
    this.current = checked({ ...this.current, ...partial });
  }

  settings(): FaultSettings {
    return this.current;
  }
}

function checked(settings: FaultSettings): FaultSettings {
  const problem = faultSettingsProblem(settings);
  if (problem !== undefined) throw new RangeError(problem);
  return Object.freeze({ ...settings });
}
