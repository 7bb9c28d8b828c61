// Reading the device list for a sync: the first page of a query (a survey, a count), or every
// page of one, in order, each handed over as it arrives. Both outlast throttling: after the
// Graph client gives up with `throttled`, the read waits until the service should accept
// requests again and resumes from the last page it handed over (its nextLink, followed
// verbatim), so no page is handed over twice and none is skipped.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { GraphClient, QueryValue } from '../graph/graph-client.ts';
import { managedDevices } from '../graph/graph-paths.ts';
import type { GraphPage } from '../graph/page.ts';
import type { RawPage } from '../graph/raw-page.ts';
import type { RateBudget } from '../graph/rate-budget.ts';
import type { TimeSource } from '../graph/time.ts';
import { ProblemError } from '../problem.ts';
import type { Patience } from './throttle-patience.ts';
import { outlastThrottling } from './throttle-patience.ts';

/**
 * The part of the Graph client a sync uses: its pages (as raw bytes too, when it can hand them
 * over unparsed), and its tenant's rate budget when it has one, so a request the client gave up on
 * as throttled still holds the tenant back until the service's Retry-After (the client pauses
 * the tenant only for the 429s it retries itself).
 */
export type DeviceLister = Pick<GraphClient, 'pages'> & Partial<Pick<GraphClient, 'rawPages'>> & { readonly budget?: Pick<RateBudget, 'pauseUntil'> };

export type DeviceQuery = Readonly<Record<string, QueryValue>>;

export class DevicePages {
  private readonly client: DeviceLister;
  private readonly time: TimeSource;
  private readonly patienceMs: number;

  constructor(client: DeviceLister, time: TimeSource, patienceMs: number) {
    this.client = client;
    this.time = time;
    this.patienceMs = patienceMs;
  }

  first<T>(query: DeviceQuery, signal: AbortSignal | undefined): Promise<GraphPage<T>> {
    return outlastThrottling(async () => {
      const pages = this.client.pages<T>(managedDevices.path, { query, ...(signal ? { signal } : {}) });
      try {
        const first = await pages.next();
        if (first.done) throw new ProblemError({ code: 'malformedResponse', message: 'Intune answered the device list with no page at all.' });
        return first.value;
      } finally {
        await pages.return(undefined);
      }
    }, this.patience(signal));
  }

  /**
   * Every page of `query`, in order; `onPage` runs once per page before the next is asked for,
   * and ends the reading early by returning 'stop'.
   */
  each(query: DeviceQuery, signal: AbortSignal | undefined, onPage: (page: GraphPage<ManagedDevice>) => 'stop' | undefined | Promise<'stop' | undefined>): Promise<void> {
    return this.follow((from) => (from === undefined ? this.client.pages(managedDevices, { query, ...(signal ? { signal } : {}) }) : this.client.pages<ManagedDevice>(from, signal ? { signal } : {})), signal, onPage);
  }

  /** Whether pages can be had as raw bytes (eachRaw). */
  get readsRaw(): boolean {
    return this.client.rawPages !== undefined;
  }

  /** The same pages as raw bytes, unparsed (GraphClient.rawPages). Only when readsRaw. */
  eachRaw(query: DeviceQuery, signal: AbortSignal | undefined, onPage: (page: RawPage) => Promise<undefined>): Promise<void> {
    const raw = this.client.rawPages;
    if (!raw) throw new Error('this Graph client does not hand pages over unparsed');
    return this.follow((from) => raw.call(this.client, from ?? managedDevices, from === undefined ? { query, ...(signal ? { signal } : {}) } : signal ? { signal } : {}), signal, onPage);
  }

  /** Reads pages until the last, resuming after throttling from the last page handed over. */
  private async follow<P extends { readonly nextLink?: string }>(open: (resumeAt: string | undefined) => AsyncGenerator<P, void, undefined>, signal: AbortSignal | undefined, onPage: (page: P) => 'stop' | undefined | Promise<'stop' | undefined>): Promise<void> {
    let resumeAt: string | undefined;
    await outlastThrottling(async () => {
      for await (const page of open(resumeAt)) {
        // The run may have stopped (another partition failed) while this page was on its way.
        signal?.throwIfAborted();
        if ((await onPage(page)) === 'stop') return;
        resumeAt = page.nextLink;
      }
    }, this.patience(signal));
  }

  private patience(signal: AbortSignal | undefined): Patience {
    return {
      time: this.time,
      patienceMs: this.patienceMs,
      onThrottled: (clearsAtMs) => this.client.budget?.pauseUntil(clearsAtMs, 'retryAfter'),
      ...(signal ? { signal } : {}),
    };
  }
}
