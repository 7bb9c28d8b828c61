// Which Intune back end answers a path, for the internal URL Intune writes into its
// error messages (FACTS §5). Clients only display it, but a realistic URL makes the
// demo tenant's errors read like the real ones in logs and support screens.
import type { IntuneService } from '../errors.ts';
import { throttleAreaOf } from './area.ts';

const RBAC = /\/(roleDefinitions|roleAssignments|resourceOperations|roleScopeTags)(\/|\(|$)/i;
const CONFIGURATION = /\/(deviceConfigurations|deviceCompliancePolicies|notificationMessageTemplates)(\/|\(|$)/i;

export function intuneServiceOf(path: string): IntuneService {
  if (throttleAreaOf(path) === 'devices') return 'DeviceFE/StatelessDeviceFEService';
  if (/^\/deviceAppManagement(\/|$)/i.test(path)) return 'StatelessAppMetadataFEService';
  if (RBAC.test(path)) return 'RBAC/StatelessRBACFEService';
  if (CONFIGURATION.test(path)) return 'DeviceConfiguration/StatelessDeviceConfigurationFEService';
  // Enrollment, terms, connectors, partners and branding live in the onboarding service.
  return 'StatelessOnboardingService';
}
