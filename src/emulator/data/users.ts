// The people and groups of a generated tenant: the directory's fixed accounts first (so
// /me/managedDevices works for the personas that sign in), then invented employees.
import type { Directory, DirectoryUser, Tenant } from '../directory/model.ts';
import type { SeededRandom } from '../rng.ts';
import { guid } from './flat-strings.ts';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, OFFICES, asciiAlias } from './people.ts';
import { WeightedTable } from './weighted-table.ts';

export interface DemoUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly mail: string;
  readonly givenName: string;
  readonly surname: string;
  readonly department: string;
  readonly jobTitle: string;
  readonly officeLocation: string;
  readonly country: string;
  /** A fixed directory account (can sign in); false for invented employees. */
  readonly fromDirectory: boolean;
  /** B2B guest: holds no devices in this tenant. */
  readonly isGuest: boolean;
}

export interface DemoGroup {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly description: string;
  /** Static members (user ids). Dynamic device groups list none; see membershipRule. */
  readonly memberIds: readonly string[];
  /** The Entra dynamic-membership rule, or null for an assigned group. */
  readonly membershipRule: string | null;
  readonly memberKind: 'users' | 'devices';
}

const departments = new WeightedTable(DEPARTMENTS.map((d) => [d, d[1]] as const));
const offices = new WeightedTable(OFFICES.map((o) => [o, o[2]] as const));

function directoryUser(u: DirectoryUser, index: number): DemoUser {
  // The personas are IT staff, except Pradeep, who is the ordinary employee in the story.
  const it = !u.description.startsWith('No Intune role');
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    mail: u.mail,
    givenName: u.givenName,
    surname: u.surname,
    department: it ? 'IT' : 'Sales',
    jobTitle: it ? 'Endpoint Administrator' : 'Account Executive',
    officeLocation: index % 2 === 0 ? 'Redmond' : 'London',
    country: index % 2 === 0 ? 'US' : 'GB',
    fromDirectory: true,
    isGuest: u.guestOf !== undefined,
  };
}

/** Fixed directory users of the tenant, then `count` invented ones with unique UPNs. */
export function generateUsers(directory: Directory, tenant: Tenant, count: number, rng: SeededRandom): DemoUser[] {
  const fixed = directory.users.filter((u) => u.tenantId === tenant.id).map(directoryUser);
  const taken = new Map<string, number>();
  for (const u of fixed) taken.set((u.userPrincipalName.split('@')[0] ?? '').toLowerCase(), 1);
  const upnDomain = tenant.domains[0] ?? 'contoso.onmicrosoft.com';
  const mailDomain = tenant.domains[1] ?? upnDomain;
  const out: DemoUser[] = fixed;
  for (let i = 0; i < count; i++) {
    const givenName = rng.pick(FIRST_NAMES);
    const surname = rng.pick(LAST_NAMES);
    const base = `${asciiAlias(givenName)}.${asciiAlias(surname)}`;
    const seen = taken.get(base) ?? 0;
    taken.set(base, seen + 1);
    // Real directories disambiguate the second John Smith with a number, not a random suffix.
    const alias = seen === 0 ? base : `${base}${seen + 1}`;
    const [department, , jobTitle] = departments.pick(rng);
    const [city, country] = offices.pick(rng);
    out.push({
      id: guid(rng),
      userPrincipalName: `${alias}@${upnDomain}`,
      displayName: `${givenName} ${surname}`,
      mail: `${alias}@${mailDomain}`,
      givenName,
      surname,
      department,
      jobTitle,
      officeLocation: city,
      country,
      fromDirectory: false,
      isGuest: false,
    });
  }
  return out;
}

/** Keys other generators use to target assignments. */
export type GroupKey =
  | 'windowsDevices' | 'iosDevices' | 'ipadDevices' | 'macDevices' | 'androidEnterpriseDevices'
  | 'autopilotDevices' | 'kioskDevices' | 'cloudPcs' | 'windowsPilot' | 'byodUsers' | 'frontlineWorkers'
  | 'executives' | 'sales' | 'engineering' | 'finance' | 'fieldService' | 'itStaff' | 'emeaUsers' | 'emeaServiceDesk';

interface GroupSpec {
  readonly key: GroupKey;
  readonly displayName: string;
  readonly description: string;
  readonly memberKind: 'users' | 'devices';
  readonly rule: string | null;
  readonly members?: (u: DemoUser) => boolean;
}

const EMEA = new Set(['GB', 'DE', 'FR', 'SE']);

const GROUP_SPECS: readonly GroupSpec[] = [
  { key: 'windowsDevices', displayName: 'Intune - All Windows devices', description: 'Dynamic: every Windows device.', memberKind: 'devices', rule: '(device.deviceOSType -eq "Windows")' },
  { key: 'iosDevices', displayName: 'Intune - All iPhones', description: 'Dynamic: every iPhone.', memberKind: 'devices', rule: '(device.deviceOSType -eq "iPhone")' },
  { key: 'ipadDevices', displayName: 'Intune - All iPads', description: 'Dynamic: every iPad.', memberKind: 'devices', rule: '(device.deviceOSType -eq "iPad")' },
  { key: 'macDevices', displayName: 'Intune - All Macs', description: 'Dynamic: every Mac.', memberKind: 'devices', rule: '(device.deviceOSType -eq "MacMDM")' },
  { key: 'androidEnterpriseDevices', displayName: 'Intune - Android Enterprise corporate', description: 'Dynamic: fully managed, dedicated and corporate work profile devices.', memberKind: 'devices', rule: '(device.deviceOSType -eq "AndroidEnterprise")' },
  { key: 'autopilotDevices', displayName: 'Autopilot - All devices', description: 'Dynamic: every device registered with Windows Autopilot.', memberKind: 'devices', rule: '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))' },
  { key: 'kioskDevices', displayName: 'Kiosk devices', description: 'Dynamic: devices in the Kiosk category.', memberKind: 'devices', rule: '(device.deviceCategory -eq "Kiosk")' },
  { key: 'cloudPcs', displayName: 'Windows 365 - Cloud PCs', description: 'Dynamic: Cloud PCs.', memberKind: 'devices', rule: '(device.deviceModel -startsWith "Cloud PC")' },
  { key: 'windowsPilot', displayName: 'Windows - Pilot ring', description: 'IT staff who take new settings first.', memberKind: 'users', rule: null, members: (u) => u.department === 'IT' },
  { key: 'byodUsers', displayName: 'BYOD - Personal device users', description: 'Users allowed to enroll personal devices.', memberKind: 'users', rule: null, members: (u) => u.department === 'Sales' || u.department === 'Marketing' || u.department === 'Executive' },
  { key: 'frontlineWorkers', displayName: 'Frontline workers', description: 'Dynamic: field and operations staff.', memberKind: 'users', rule: '(user.department -in ["Field Service","Operations"])', members: (u) => u.department === 'Field Service' || u.department === 'Operations' },
  { key: 'executives', displayName: 'Executives', description: 'Leadership team: stricter app protection.', memberKind: 'users', rule: null, members: (u) => u.department === 'Executive' },
  { key: 'sales', displayName: 'Sales', description: 'Dynamic: the Sales department.', memberKind: 'users', rule: '(user.department -eq "Sales")', members: (u) => u.department === 'Sales' },
  { key: 'engineering', displayName: 'Engineering', description: 'Dynamic: the Engineering department.', memberKind: 'users', rule: '(user.department -eq "Engineering")', members: (u) => u.department === 'Engineering' },
  { key: 'finance', displayName: 'Finance', description: 'Dynamic: the Finance department.', memberKind: 'users', rule: '(user.department -eq "Finance")', members: (u) => u.department === 'Finance' },
  { key: 'fieldService', displayName: 'Field Service', description: 'Dynamic: the Field Service department.', memberKind: 'users', rule: '(user.department -eq "Field Service")', members: (u) => u.department === 'Field Service' },
  { key: 'itStaff', displayName: 'IT department', description: 'Dynamic: the IT department.', memberKind: 'users', rule: '(user.department -eq "IT")', members: (u) => u.department === 'IT' },
  // Invented staff only: the personas' Intune roles come from the directory's role groups alone.
  { key: 'emeaServiceDesk', displayName: 'EMEA service desk', description: 'Members hold Help Desk Operator, scoped to EMEA users.', memberKind: 'users', rule: null, members: (u) => !u.fromDirectory && u.department === 'IT' && EMEA.has(u.country) },
  { key: 'emeaUsers', displayName: 'EMEA users', description: 'Dynamic: staff in European offices (scope group for the EMEA helpdesk).', memberKind: 'users', rule: '(user.country -in ["GB","DE","FR","SE"])', members: (u) => EMEA.has(u.country) },
];

export interface TenantGroups {
  /** The directory's own groups of this tenant first, then the generated ones. */
  readonly all: readonly DemoGroup[];
  readonly byKey: Readonly<Record<GroupKey, DemoGroup>>;
}

export function generateGroups(directory: Directory, tenant: Tenant, users: readonly DemoUser[], rng: SeededRandom): TenantGroups {
  const fromDirectory: DemoGroup[] = directory.groups
    .filter((g) => g.tenantId === tenant.id)
    .map((g) => ({ ...g, membershipRule: null, memberKind: 'users' as const }));
  const byKey = {} as Record<GroupKey, DemoGroup>;
  const generated = GROUP_SPECS.map((spec) => {
    const members = spec.members;
    const group: DemoGroup = {
      id: rng.guid(),
      tenantId: tenant.id,
      displayName: spec.displayName,
      description: spec.description,
      memberIds: members ? users.filter((u) => !u.isGuest && members(u)).map((u) => u.id) : [],
      membershipRule: spec.rule,
      memberKind: spec.memberKind,
    };
    byKey[spec.key] = group;
    return group;
  });
  return { all: [...fromDirectory, ...generated], byKey };
}
