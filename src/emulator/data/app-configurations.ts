// App configuration policies: through app protection (targetedManagedAppConfigurations,
// any device) and through MDM (mobileAppConfigurations, enrolled iOS devices only).
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import { allUsers, assignments, group } from './assignments.ts';
import { managedApps } from './app-protection.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, record } from './records.ts';
import { DAY, YEAR, iso } from './time.ts';
import type { TenantText } from './mobile-apps.ts';
import type { TenantGroups } from './users.ts';

const kv = (name: string, value: string): Json => ({ name, value });
const item = (appConfigKey: string, appConfigKeyType: string, appConfigKeyValue: string): Json => ({ appConfigKey, appConfigKeyType, appConfigKeyValue });

export function generateTargetedAppConfigurations(text: TenantText, rng: SeededRandom, anchor: number): EntityRecord[] {
  const specs = [
    {
      name: 'Outlook - Work or school accounts only',
      description: 'Lets Outlook add only the signed-in work account.',
      settings: [
        kv('com.microsoft.outlook.EmailProfile.AccountType', 'ModernAuth'),
        kv('com.microsoft.intune.mam.AllowedAccountUPNs', '{{userprincipalname}}'),
        kv('com.microsoft.outlook.Mail.FocusedInbox', 'true'),
      ],
      ios: ['com.microsoft.office.outlook'],
      android: ['com.microsoft.office.outlook'],
    },
    {
      name: 'Edge - Managed bookmarks and home page',
      description: 'Intranet bookmarks and home page in Edge.',
      settings: [
        kv('com.microsoft.intune.mam.managedbrowser.homepage', `https://intranet.${text.domain}`),
        kv('com.microsoft.intune.mam.managedbrowser.bookmarks', `Intranet|https://intranet.${text.domain}||IT Self-Service|https://${text.orgLower}.service-now.com/sp`),
      ],
      ios: ['com.microsoft.msedge'],
      android: ['com.microsoft.emmx'],
    },
  ];
  return specs.map((spec) => {
    const id = `A_${rng.guid()}`;
    const created = anchor - YEAR - rng.next() * YEAR;
    const config = record('targetedManagedAppConfiguration', {
      id,
      displayName: spec.name,
      description: spec.description,
      createdDateTime: iso(created),
      lastModifiedDateTime: iso(created + rng.next() * (anchor - DAY - created)),
      version: `"${rng.hex(8)}-0000-0100-0000-${rng.hex(12)}"`,
      customSettings: spec.settings,
      deployedAppCount: spec.ios.length + spec.android.length,
      isAssigned: true,
      appGroupType: 'selectedPublicApps',
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
    });
    attachCollection(config, 'apps', [...managedApps('ios', spec.ios), ...managedApps('android', spec.android)]);
    attachCollection(config, 'assignments', assignments('targetedManagedAppPolicyAssignment', id, [allUsers]));
    return config;
  });
}

export function generateMobileAppConfigurations(idByIdentifier: ReadonlyMap<string, string>, groups: TenantGroups, rng: SeededRandom, anchor: number): EntityRecord[] {
  const specs = [
    {
      name: 'Outlook for iOS - Corporate account',
      description: 'Sets up the work mailbox on managed iPhones and iPads.',
      bundleId: 'com.microsoft.Office.Outlook',
      settings: [
        item('com.microsoft.outlook.EmailProfile.EmailAddress', 'tokenType', '{{mail}}'),
        item('com.microsoft.outlook.EmailProfile.EmailUPN', 'tokenType', '{{userprincipalname}}'),
        item('com.microsoft.outlook.EmailProfile.ServerAuthentication', 'stringType', 'OAuth'),
        item('com.microsoft.outlook.EmailProfile.AccountType', 'stringType', 'ModernAuth'),
        item('IntuneMAMAllowedAccountsOnly', 'stringType', 'Enabled'),
        item('IntuneMAMUPN', 'tokenType', '{{userprincipalname}}'),
      ],
      targets: [group(groups.byKey.iosDevices.id), group(groups.byKey.ipadDevices.id)],
    },
    {
      name: 'Teams for iOS - Work account sign-in',
      description: 'Pre-fills the work account and blocks personal accounts.',
      bundleId: 'com.microsoft.skype.teams',
      settings: [
        item('IntuneMAMUPN', 'tokenType', '{{userprincipalname}}'),
        item('IntuneMAMAllowedAccountsOnly', 'stringType', 'Enabled'),
      ],
      targets: [group(groups.byKey.iosDevices.id)],
    },
  ];
  return specs.map((spec) => {
    const id = rng.guid();
    const created = anchor - YEAR - rng.next() * YEAR;
    const appId = idByIdentifier.get(spec.bundleId);
    const config = record('iosMobileAppConfiguration', {
      id,
      displayName: spec.name,
      description: spec.description,
      createdDateTime: iso(created),
      lastModifiedDateTime: iso(created + rng.next() * (anchor - DAY - created)),
      version: rng.int(1, 6),
      targetedMobileApps: appId ? [appId] : [],
      settings: spec.settings,
      encodedSettingXml: null,
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
    });
    attachCollection(config, 'assignments', assignments('managedDeviceMobileAppConfigurationAssignment', id, spec.targets));
    return config;
  });
}
