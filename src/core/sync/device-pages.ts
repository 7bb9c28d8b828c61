// Reading the device list for a sync: the first page of a query (a survey, a count), or every
// page of one, in order, each handed over as it arrives. Both outlast throttling: after the
// Graph client gives up with `throttled`, the read waits until the service should accept
// requests again and resumes from the last page it handed over (its nextLink, followed
// verbatim), so no page is handed over twice and none is skipped.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { GraphClient, QueryValue } from '../graph/graph-client.ts';
import { managedDevices } from '../graph/graph-paths.ts';
import type { GraphPage } from '../graph/page.ts';
import type { RateBudget } from '../graph/rate-budget.ts';
import type { TimeSource } from '../graph/time.ts';
import { ProblemError } from '../problem.ts';
import type { Patience } from './throttle-patience.ts';
import { outlastThrottling } from './throttle-patience.ts';

/**
 * The part of the Graph client a sync uses: its pages, and its tenant's rate budget when it has
 * one, so a request the client gave up on as throttled still holds the tenant back until the
 * service's Retry-After (the client pauses the tenant only for the 429s it retries itself).
 */
export type DeviceLister = Pick<GraphClient, 'pages'> & { readonly budget?: Pick<RateBudget, 'pauseUntil'> };

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
  async each(query: DeviceQuery, signal: AbortSignal | undefined, onPage: (page: GraphPage<ManagedDevice>) => 'stop' | undefined | Promise<'stop' | undefined>): Promise<void> {
    let resumeAt: string | undefined;
    await outlastThrottling(async () => {
      const pages = resumeAt === undefined
        ? this.client.pages(managedDevices, { query, ...(signal ? { signal } : {}) })
        : this.client.pages<ManagedDevice>(resumeAt, signal ? { signal } : {});
      for await (const page of pages) {
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
