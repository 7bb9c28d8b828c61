// The Intune scopes as the Entra admin center names them, read from the shared contract at build
// time, so the window explains a missing scope in the words the admin will see.
import intuneScopes from '../../shared/intune/scopes.json' with { type: 'json' };

export interface IntuneScope {
  readonly name: string;
  readonly portalLabel: string;
  readonly access: string;
}

export const INTUNE_SCOPES: readonly IntuneScope[] = intuneScopes.scopes.map((s) => ({ name: s.name, portalLabel: s.portalLabel, access: s.access }));

const LABELS = new Map(INTUNE_SCOPES.map((s) => [s.name, s.portalLabel]));

/** "Read Microsoft Intune devices" for DeviceManagementManagedDevices.Read.All; the name itself for any other scope. */
export function scopeLabel(name: string): string {
  return LABELS.get(name) ?? name;
}

/** The three checks of Microsoft's article for a 403, for problems that carry none of their own. */
export const TROUBLESHOOTING_403: readonly string[] = intuneScopes.troubleshooting403;
