// Progress of one run, reported at most every `intervalMs` (a page can arrive every few
// milliseconds; a window redrawing at that rate helps nobody), plus every change of phase and
// the end, which are never dropped.
import type { TimeSource } from '../graph/time.ts';
import type { SyncKind, SyncListener, SyncPhase, SyncProgress } from './sync-model.ts';

/** The one report before a run knows anything: the inventory file is being opened. */
export function openingProgress(kind: SyncKind): SyncProgress {
  return { kind, phase: 'opening', pagesFetched: 0, devicesFetched: 0, devicesPerSecond: 0, elapsedSeconds: 0 };
}

export class ProgressMeter {
  private readonly kind: SyncKind;
  private readonly time: TimeSource;
  private readonly intervalMs: number;
  private readonly emit: SyncListener;
  private readonly startedAt: number;
  private fetchingSince: number | undefined;
  private current: SyncPhase = 'planning';
  private pages = 0;
  private devices = 0;
  private total: number | undefined;
  private lastEmitAt = -Infinity;

  constructor(kind: SyncKind, time: TimeSource, intervalMs: number, emit: SyncListener) {
    this.kind = kind;
    this.time = time;
    this.intervalMs = intervalMs;
    this.emit = emit;
    this.startedAt = time.now();
  }

  get pagesFetched(): number {
    return this.pages;
  }

  /** A new phase; `devices`, when given, is how many different devices the run now holds for sure. */
  phase(phase: SyncPhase, devices?: number): void {
    if (devices !== undefined) this.devices = devices;
    if (phase === 'fetching' && this.fetchingSince === undefined) this.fetchingSince = this.time.now();
    this.current = phase;
    this.report(true);
  }

  estimate(total: number | undefined): void {
    this.total = total;
  }

  /**
   * A page arrived; `devices` is how many devices the run holds now (a writer that stores pages
   * in other threads counts those stored, and a device sent twice twice until it is sealed).
   */
  page(devices: number): void {
    this.pages++;
    this.devices = devices;
    this.report(false);
  }

  snapshot(): SyncProgress {
    const now = this.time.now();
    const fetchingSeconds = this.fetchingSince === undefined ? 0 : (now - this.fetchingSince) / 1000;
    const rate = fetchingSeconds > 0 ? this.devices / fetchingSeconds : 0;
    const left = this.total === undefined || rate <= 0 || this.current !== 'fetching' ? undefined : Math.max(0, this.total - this.devices) / rate;
    return {
      kind: this.kind,
      phase: this.current,
      pagesFetched: this.pages,
      devicesFetched: this.devices,
      ...(this.total === undefined ? {} : { estimatedTotal: this.total }),
      devicesPerSecond: Math.round(rate),
      ...(left === undefined ? {} : { secondsLeft: Math.round(left * 10) / 10 }),
      elapsedSeconds: Math.round((now - this.startedAt) / 100) / 10,
    };
  }

  private report(always: boolean): void {
    const now = this.time.now();
    if (!always && now - this.lastEmitAt < this.intervalMs) return;
    this.lastEmitAt = now;
    try {
      this.emit({ kind: 'progress', progress: this.snapshot() });
    } catch {
      // A listener that throws must not stop the sync.
    }
  }
}
