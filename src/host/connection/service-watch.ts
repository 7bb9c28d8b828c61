// Is the current tenant's service answering? One cheap HTTPS request every so often (any answer
// at all counts: Graph answers 401 to no token), and every real call's outcome in between: a
// Graph call that could not reach the service marks it offline at once, one that got an answer
// marks it online. The app then shows the offline inventory with its as-of time, and goes back
// to live data by itself when the service answers again.
import { isReachable } from '../../core/reachability.ts';

export interface ServiceTarget {
  /** Any URL of the service; an answer of any status means it is reachable. */
  readonly probeUrl: string;
  /** The only CA to trust for it (the demo tenant's), or the system's. */
  readonly caCertificatePem?: string;
}

export class ServiceWatch {
  private readonly intervalMs: number;
  private readonly onChange: (offline: boolean) => void;
  private target: ServiceTarget | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private offlineNow = false;

  constructor(intervalMs: number, onChange: (offline: boolean) => void) {
    this.intervalMs = intervalMs;
    this.onChange = onChange;
  }

  get offline(): boolean {
    return this.offlineNow;
  }

  /** Watches another service (after a tenant switch, or the demo tenant's new address); undefined stops watching. */
  watch(target: ServiceTarget | undefined, offline: boolean): void {
    if (target !== undefined && this.target !== undefined && target.probeUrl === this.target.probeUrl && this.timer !== undefined) return;
    this.target = target;
    clearInterval(this.timer);
    this.timer = undefined;
    this.set(offline);
    if (target) {
      this.timer = setInterval(() => void this.probe(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** A call reached the service (true) or could not (false). */
  saw(reached: boolean): void {
    this.set(!reached);
  }

  /** Checks now; resolves with whether the service answered. */
  async probe(): Promise<boolean> {
    const target = this.target;
    if (!target || this.probing) return !this.offlineNow;
    this.probing = true;
    try {
      const reached = await isReachable(target.probeUrl, target.caCertificatePem, Math.min(3000, this.intervalMs * 2));
      // A switch while probing makes this answer about a service no longer watched.
      if (target === this.target) this.set(!reached);
      return reached;
    } finally {
      this.probing = false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.target = undefined;
  }

  private set(offline: boolean): void {
    if (offline === this.offlineNow) return;
    this.offlineNow = offline;
    this.onChange(offline);
  }
}
