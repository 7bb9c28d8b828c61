// executeAction is bound to Collection(managedDevice), which the schema model's
// `operations(version, type)` cannot reach (it walks entity types), so read it from the file.
import rawSchema from '../../metadata/intune-schema.json' with { type: 'json' };
import { parseTypeRef } from '../model/schema.ts';
import type { BoundOperation } from '../model/schema.ts';

interface RawOperation {
  readonly kind: 'Action' | 'Function';
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly returns: string | null;
}

const BOUND_TO = 'Collection(managedDevice)';
const raw = (rawSchema as unknown as { readonly beta: { readonly actions: Readonly<Record<string, readonly RawOperation[]>> } }).beta.actions[BOUND_TO] ?? [];
const found = raw.find((op) => op.kind === 'Action' && op.name === 'executeAction');
if (!found) throw new Error('intune-schema.json has no beta executeAction bound to Collection(managedDevice)');

export const EXECUTE_ACTION: BoundOperation = {
  kind: found.kind,
  name: found.name,
  boundTo: BOUND_TO,
  params: new Map(Object.entries(found.params).map(([k, v]) => [k, parseTypeRef(v)])),
  returns: found.returns ? parseTypeRef(found.returns) : null,
};
