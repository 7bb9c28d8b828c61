// createDeviceLogCollectionRequest ("Collect diagnostics"): a deviceLogCollectionResponse
// in the device's logCollectionRequests, pending until the device uploads its logs
// `delays.completeMs` later. Intune keeps the upload for 28 days.
import { EntityCollection, entityRecord } from '../../model/entity.ts';
import type { EntityRecord } from '../../model/entity.ts';
import type { Json, MutableJsonObject } from '../../model/json.ts';
import { intuneSchema } from '../../model/schema.ts';
import type { GraphVersion } from '../../model/schema.ts';
import { navCollection } from '../../model/tenant-graph.ts';
import { isListed } from '../lifecycle.ts';
import { isoTime } from '../results.ts';
import type { ActionContext } from '../spec.ts';

const KEPT_MS = 28 * 24 * 60 * 60 * 1000;

function logCollections(device: EntityRecord): EntityCollection {
  const found = navCollection(device, 'logCollectionRequests');
  if (found) return found;
  const created = new EntityCollection('deviceLogCollectionResponse');
  device.nav.set('logCollectionRequests', created);
  return created;
}

/** The stored superset, cut to the properties this version's type has. */
function forVersion(version: GraphVersion, props: MutableJsonObject): Json {
  const type = intuneSchema.type(version, 'deviceLogCollectionResponse');
  const out: MutableJsonObject = {};
  for (const [k, v] of Object.entries(props)) if (k === 'id' || type?.properties.has(k)) out[k] = v;
  return out;
}

export function requestLogCollection(ctx: ActionContext): { readonly body: Json; readonly context: string } {
  const { deps, device } = ctx;
  const upn = device.props['userPrincipalName'];
  const request = entityRecord('deviceLogCollectionResponse', {
    id: deps.random.guid(),
    managedDeviceId: device.props['id'] ?? null,
    status: 'pending',
    errorCode: 0,
    requestedDateTimeUTC: ctx.at,
    receivedDateTimeUTC: null,
    initiatedByUserPrincipalName: deps.initiatedBy ?? null,
    enrolledByUser: typeof upn === 'string' ? upn : null,
    expirationDateTimeUTC: null,
    size: 0,
    sizeInKB: 0,
  });
  logCollections(device).put(request);
  deps.schedule(deps.delays.completeMs, () => {
    if (!isListed(deps, device)) return;
    const now = deps.clock.now();
    const kb = deps.random.int(800, 12000) + deps.random.int(0, 99) / 100;
    Object.assign(request.props, {
      status: 'completed',
      receivedDateTimeUTC: isoTime(now),
      expirationDateTimeUTC: isoTime(now + KEPT_MS),
      sizeInKB: kb,
      // The docs give no unit for `size` beside sizeInKB [U]; both carry kilobytes.
      size: kb,
    });
    deps.changed(device);
  });
  return { body: forVersion(ctx.version, request.props), context: 'microsoft.graph.deviceLogCollectionResponse' };
}
