// deviceManagement/deviceConfigurations: the profile catalog as records, each assigned to
// the tenant's groups (with exclusions) the way an administrator would target them.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { MutableJsonObject } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import { assignments } from './assignments.ts';
import { CONFIGURATION_SPECS } from './configuration-catalog.ts';
import { fillText, resolveTarget } from './mobile-apps.ts';
import type { TenantText } from './mobile-apps.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, record } from './records.ts';
import { DAY, YEAR, iso } from './time.ts';
import type { TenantGroups } from './users.ts';

export function generateDeviceConfigurations(text: TenantText, tenantId: string, groups: TenantGroups, rng: SeededRandom, anchor: number): EntityRecord[] {
  const printClientId = rng.guid();
  return CONFIGURATION_SPECS.map((spec) => {
    const id = rng.guid();
    const created = anchor - 60 * DAY - rng.next() * 2.5 * YEAR;
    const config = record('windows10GeneralConfiguration', {
      id,
      displayName: spec.name,
      description: spec.description,
      createdDateTime: iso(created),
      lastModifiedDateTime: iso(created + rng.next() * (anchor - DAY - created)),
      version: rng.int(1, 12),
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
      supportsScopeTags: true,
      ...fillText(spec.settings, text, { tenantId, printClientId }),
    });
    const targets = spec.targets.map((ref) => resolveTarget(ref, groups));
    attachCollection(config, 'assignments', assignments('deviceConfigurationAssignment', id, targets, (): MutableJsonObject => ({ intent: 'apply' })));
    return config;
  });
}
