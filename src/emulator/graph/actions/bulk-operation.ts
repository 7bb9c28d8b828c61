// executeAction, bound to Collection(managedDevice) in beta, as the schema declares it.
import { intuneSchema } from '../model/schema.ts';
import type { BoundOperation } from '../model/schema.ts';

const found = intuneSchema.operations('beta', 'Collection(managedDevice)').find((op) => op.kind === 'Action' && op.name === 'executeAction');
if (!found) throw new Error('intune-schema.json has no beta executeAction bound to Collection(managedDevice)');

export const EXECUTE_ACTION: BoundOperation = found;
