// Checks a POST or PATCH body against the schema before anything is stored, with the
// messages OData gives, so a client bug shows up here exactly as it would against Graph.
import type { Json, MutableJsonObject } from '../model/json.ts';
import { isJsonObject } from '../model/json.ts';
import type { GraphVersion } from '../model/schema.ts';
import { intuneSchema } from '../model/schema.ts';

export type WriteCheck =
  | { readonly ok: true; readonly type: string; readonly props: MutableJsonObject }
  | { readonly ok: false; readonly message: string };

/** Properties the service sets itself; a client's values for them are ignored, as Graph does. */
const SERVER_OWNED = new Set(['id', 'createdDateTime', 'lastModifiedDateTime', 'version']);

export function checkWriteBody(version: GraphVersion, declaredType: string, body: Json | undefined, mode: 'create' | 'update', currentType?: string): WriteCheck {
  if (!isJsonObject(body)) {
    return { ok: false, message: 'Empty Payload. JSON content expected.' };
  }
  const tag = body['@odata.type'];
  let typeName = currentType ?? declaredType;
  if (typeof tag === 'string') {
    const named = tag.replace(/^#?microsoft\.graph\./, '');
    const resolved = intuneSchema.type(version, named);
    if (!resolved) return { ok: false, message: `A type named '${tag.replace(/^#/, '')}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.` };
    if (!resolved.lineage.includes(declaredType)) {
      return { ok: false, message: `A resource of type '${tag.replace(/^#/, '')}' was found in a resource set that only accepts resources of type 'microsoft.graph.${declaredType}'.` };
    }
    if (mode === 'update' && currentType && named !== currentType) {
      return { ok: false, message: `The type of an existing ${currentType} cannot be changed to ${named}.` };
    }
    typeName = named;
  }
  const type = intuneSchema.type(version, typeName);
  if (!type) return { ok: false, message: `Resource not found for the segment '${typeName}'.` };
  if (mode === 'create' && type.abstract) {
    return { ok: false, message: `Cannot create an abstract entity of type 'microsoft.graph.${typeName}'. Name a concrete type in @odata.type.` };
  }
  const props: MutableJsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.includes('@odata.')) continue;
    const ref = type.properties.get(key);
    if (!ref) {
      if (type.navigation.has(key)) continue;
      return { ok: false, message: `The property '${key}' does not exist on type 'microsoft.graph.${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.` };
    }
    // `version` is the service's counter only where it is an Int32; a detected app's version is the client's to send.
    if (SERVER_OWNED.has(key) && (key !== 'version' || ref.name === 'Edm.Int32')) continue;
    const problems = intuneSchema.checkValue(version, ref, value, key, type.nonNullable.has(key));
    if (problems.length > 0) return { ok: false, message: `Cannot convert the literal in property '${key}': ${problems[0] ?? ''}` };
    props[key] = value;
  }
  return { ok: true, type: typeName, props };
}
