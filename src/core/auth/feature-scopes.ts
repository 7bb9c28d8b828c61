// Incremental consent: each feature names the delegated Graph scopes it needs
// (src/shared/intune/feature-scopes.ts, shared with the window's first-run page), and the app
// asks for them when the technician first uses the feature, not at sign-in. Every name must be
// one of the shared scopes contract (src/shared/intune/scopes.json), checked at load.
import { FEATURE_SCOPES } from '../../shared/intune/feature-scopes.ts';
import intuneScopes from '../../shared/intune/scopes.json' with { type: 'json' };

export { FEATURE_SCOPES };

/** The eleven Intune delegated permissions, by their Graph names. */
export const INTUNE_SCOPE_NAMES: readonly string[] = intuneScopes.scopes.map((s) => s.name);

export type Feature = keyof typeof FEATURE_SCOPES;

export const FEATURES: readonly Feature[] = Object.keys(FEATURE_SCOPES) as Feature[];

export function isFeature(value: unknown): value is Feature {
  return typeof value === 'string' && Object.hasOwn(FEATURE_SCOPES, value);
}

/** The scopes a feature needs. */
export function scopesFor(feature: Feature): readonly string[] {
  return FEATURE_SCOPES[feature];
}

// A typo here would only show as invalid_scope at a technician's first click; fail at load instead.
for (const [feature, scopes] of Object.entries(FEATURE_SCOPES)) {
  for (const scope of scopes) {
    if (!INTUNE_SCOPE_NAMES.includes(scope)) throw new Error(`FEATURE_SCOPES.${feature} names ${scope}, which is not in src/shared/intune/scopes.json`);
  }
}
