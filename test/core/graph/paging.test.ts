// Paging against the demo tenant: every device exactly once following @odata.nextLink, a broken
// page refused whole, and cancellation in the middle of a sync.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { ProblemError } from '../../../src/core/problem.ts';
import { managedDevices } from '../../../src/core/graph/graph-paths.ts';
import { readRawPage } from '../../../src/core/graph/raw-page.ts';
import { startTcpProxy } from '../../helpers/tcp-proxy.ts';
import type { TestBed } from './helpers/test-bed.ts';
import { eventsOf, startTestBed } from './helpers/test-bed.ts';

describe('GraphClient paging', () => {
  let bed: TestBed;
  before(async () => {
    bed = await startTestBed({ devices: 500 });
  });
  after(async () => {
    await bed.stop();
  });

  it('pages through 500 devices, each exactly once, following nextLink verbatim', async () => {
    const { client, events } = bed.client();
    const ids = new Set<string>();
    let pages = 0;
    for await (const page of client.pages(managedDevices, { query: { $top: 37, $select: 'id,deviceName' } })) {
      pages++;
      for (const device of page.value satisfies readonly ManagedDevice[]) {
        assert.ok(device.id, 'every device has an id');
        assert.ok(!ids.has(device.id), `device ${device.id} seen twice`);
        ids.add(device.id);
      }
    }
    assert.equal(ids.size, 500);
    assert.equal(pages, Math.ceil(500 / 37));
    const sends = eventsOf(events, 'send');
    assert.equal(sends.length, pages, 'one request per page when nothing fails');
    assert.ok(sends.slice(1).every((s) => s.path.includes('skiptoken')), 'later pages come from nextLink');
  });

  it('reads $count with the first page', async () => {
    const { client } = bed.client();
    const first = await client.pages(managedDevices, { query: { $top: 10, $count: 'true' } }).next();
    assert.equal(first.done, false);
    assert.equal(first.value?.count, 500);
    assert.equal(first.value?.value.length, 10);
  });

  it('refuses a malformed page as a clean malformedResponse, with nothing from it', async () => {
    await bed.faults({ malformedPageRate: 1 });
    try {
      const { client } = bed.client();
      const seen: unknown[] = [];
      await assert.rejects(
        (async () => {
          for await (const page of client.pages(managedDevices, { query: { $top: 100 } })) seen.push(...page.value);
        })(),
        (error: unknown) => {
          assert.ok(error instanceof ProblemError);
          assert.equal(error.problem.code, 'malformedResponse');
          assert.ok(error.problem.requestId, 'the request id is kept for support');
          assert.ok(error.problem.clientRequestId);
          return true;
        },
      );
      assert.equal(seen.length, 0, 'no partial page reaches the caller');
    } finally {
      await bed.calm();
    }
  });

  it('stops at a malformed page in the middle, keeping the pages before it', async () => {
    const { client } = bed.client();
    const seen: unknown[] = [];
    let failure: unknown;
    try {
      for await (const page of client.pages(managedDevices, { query: { $top: 100 } })) {
        seen.push(...page.value);
        if (seen.length === 200) await bed.faults({ malformedPageRate: 1 });
      }
    } catch (error) {
      failure = error;
    } finally {
      await bed.calm();
    }
    assert.ok(failure instanceof ProblemError && failure.problem.code === 'malformedResponse');
    assert.equal(seen.length, 200, 'exactly the two whole pages before the broken one');
  });

  it('hands the same pages over unparsed: the same links followed, the same devices once parsed', async () => {
    const { client, events } = bed.client();
    const parsed: { ids: string[]; nextLink: string | undefined }[] = [];
    for await (const page of client.pages<ManagedDevice>(managedDevices, { query: { $top: 120 } })) parsed.push({ ids: page.value.map((d) => d.id as string), nextLink: page.nextLink });
    const sentBefore = eventsOf(events, 'send').length;
    const raw: { ids: string[]; nextLink: string | undefined }[] = [];
    for await (const page of client.rawPages(managedDevices, { query: { $top: 120 } })) {
      assert.ok(page.bytes instanceof Uint8Array);
      assert.ok(page.requestId, 'each page names its request, for a Problem found when it is parsed');
      raw.push({ ids: readRawPage<ManagedDevice>(page).value.map((d) => d.id as string), nextLink: page.nextLink });
    }
    assert.deepEqual(raw, parsed);
    assert.equal(raw.length, Math.ceil(500 / 120));
    assert.equal(eventsOf(events, 'send').length - sentBefore, raw.length, 'one request per page');
  });

  it('a malformed page handed over unparsed is refused, here or when it is parsed, naming its request', async () => {
    await bed.faults({ malformedPageRate: 1 });
    try {
      const { client } = bed.client();
      await assert.rejects(
        (async () => {
          for await (const page of client.rawPages(managedDevices, { query: { $top: 100 } })) readRawPage(page);
        })(),
        (error: unknown) => error instanceof ProblemError && error.problem.code === 'malformedResponse' && error.problem.requestId !== undefined,
      );
    } finally {
      await bed.calm();
    }
  });

  it('refuses a nextLink to another host, which would carry the token there', async () => {
    // Through a proxy on another port, the tenant's nextLinks name its own port: another origin.
    const proxy = await startTcpProxy(Number(new URL(bed.baseUrl).port));
    try {
      const { client, events } = bed.client({ baseUrl: `https://127.0.0.1:${proxy.port}` });
      const pages = client.pages(managedDevices, { query: { $top: 100 } });
      assert.equal((await pages.next()).value?.value.length, 100, 'the first page is fine');
      await assert.rejects(pages.next(), (error: unknown) => {
        assert.ok(error instanceof ProblemError);
        assert.equal(error.problem.code, 'malformedResponse');
        assert.match(error.problem.message, /another host/);
        return true;
      });
      assert.equal(eventsOf(events, 'send').length, 1, 'nothing was sent to the other host');
    } finally {
      await proxy.stop();
    }
  });

  it('cancels mid-paging: the iteration ends with `cancelled` and nothing more is sent', async () => {
    const { client, events } = bed.client();
    const controller = new AbortController();
    let pages = 0;
    await assert.rejects(
      (async () => {
        for await (const page of client.pages(managedDevices, { query: { $top: 50 }, signal: controller.signal })) {
          assert.equal(page.value.length, 50);
          if (++pages === 2) controller.abort();
        }
      })(),
      (error: unknown) => error instanceof ProblemError && error.problem.code === 'cancelled',
    );
    assert.equal(pages, 2);
    assert.equal(eventsOf(events, 'send').length, 2, 'no request after the abort');
  });

  it('cancels a request that is already on the wire', async () => {
    await bed.faults({ latencyMs: 5_000 });
    try {
      const controller = new AbortController();
      const { client, events } = bed.client({ onEvent: (e) => e.kind === 'send' && setImmediate(() => controller.abort()) });
      await assert.rejects(client.all(managedDevices, { query: { $top: 50 }, signal: controller.signal }), (error: unknown) => error instanceof ProblemError && error.problem.code === 'cancelled');
      assert.equal(eventsOf(events, 'send').length, 1);
      assert.equal(eventsOf(events, 'response').length, 0, 'the answer was not waited for');
    } finally {
      await bed.calm();
    }
  });
});
