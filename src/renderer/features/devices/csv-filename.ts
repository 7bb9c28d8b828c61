// The name an export is saved under: the tenant, the date and time, and whether it is the whole
// inventory or a filtered view, so a folder of exports sorts by time and says what each holds.
import type { DeviceQueryView } from './device-filter.ts';

function slug(text: string): string {
  const s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 40).replace(/-+$/, '');
}

/** intune-devices_contoso-demo_2026-11-26_1402[_filtered].csv, in the given (else the machine's) time zone. */
export function csvFileName(tenantLabel: string | undefined, at: number, view: DeviceQueryView, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  const stamp = `${part('year')}-${part('month')}-${part('day')}_${part('hour')}${part('minute')}`;
  const tenant = tenantLabel === undefined ? '' : slug(tenantLabel);
  const filtered = view.search !== undefined || view.filter !== undefined;
  return ['intune-devices', tenant, stamp, filtered ? 'filtered' : ''].filter((p) => p !== '').join('_') + '.csv';
}
