// The hardware a mid-size company actually owns, as Intune reports it: manufacturer and
// model strings the way the device's firmware writes them, with memory and storage options.

export type Platform = 'windows' | 'ios' | 'ipados' | 'macos' | 'android';

/** What a model is used for: generators pick models that fit the enrollment profile. */
export type ModelRole = 'standard' | 'rugged' | 'cloud' | 'vm';

export type SerialStyle = 'dell' | 'hp' | 'lenovo' | 'surface' | 'apple' | 'samsung' | 'google' | 'zebra' | 'motorola' | 'vm';

export type Chassis = 'laptop' | 'desktop' | 'phone' | 'tablet' | 'unknown';

export interface HardwareModel {
  readonly platform: Platform;
  readonly manufacturer: string;
  readonly model: string;
  /** What a user calls it, and what Android names a device by default. */
  readonly marketingName: string;
  readonly chassis: Chassis;
  readonly role: ModelRole;
  readonly weight: number;
  readonly memoryGb: readonly number[];
  readonly storageGb: readonly number[];
  readonly arch: 'x64' | 'arM64' | 'unknown';
  readonly serial: SerialStyle;
  /** Type Allocation Codes for the IMEI; empty for Wi-Fi-only hardware. */
  readonly tacs: readonly string[];
  /** Share of units sold with a cellular modem (iPads, some laptops). */
  readonly cellularShare: number;
  readonly wifiOuis: readonly string[];
  readonly ethernet: boolean;
  /** The lowest OS version the hardware shipped with. */
  readonly osFloor: string;
  /** When the model went on sale ("2023-09"): nothing enrolls before it. */
  readonly released: string;
  readonly releasedMs: number;
}

const INTEL_WIFI = ['A4C3F0', '9C2DCD', '5C879C', '0C7A15', '70CD0D'];
const APPLE_WIFI = ['F0B479', '3C22FB', 'A483E7', '8C8590', 'BC0963', 'F4D488'];
const SAMSUNG_WIFI = ['5C497D', 'A0CBFD', '8C7712', 'E4F8EF'];
const GOOGLE_WIFI = ['3C286D', 'F88FCA', 'A47733'];
const MS_VIRTUAL = ['00155D'];

type Spec = Omit<HardwareModel, 'platform' | 'role' | 'releasedMs'> & { readonly role?: ModelRole };

export function monthStart(yearMonth: string): number {
  const [y, m] = yearMonth.split('-').map(Number);
  return Date.UTC(y ?? 2020, (m ?? 1) - 1, 1);
}

function models(platform: Platform, specs: readonly Spec[]): HardwareModel[] {
  return specs.map((s) => ({ ...s, platform, role: s.role ?? 'standard', releasedMs: monthStart(s.released) }));
}

const pc = (manufacturer: string, model: string, chassis: Chassis, weight: number, serial: SerialStyle, extra: Partial<Spec> = {}): Spec => ({
  manufacturer, model, marketingName: model, chassis, weight, serial,
  memoryGb: [16, 16, 32, 8], storageGb: [512, 256, 512, 1024], arch: 'x64',
  tacs: [], cellularShare: 0, wifiOuis: INTEL_WIFI, ethernet: chassis === 'desktop', osFloor: '10.0.19044.0', released: '2023-03',
  ...extra,
});

const WINDOWS = models('windows', [
  pc('Dell Inc.', 'Latitude 5440', 'laptop', 16, 'dell', { released: '2023-03' }),
  pc('Dell Inc.', 'Latitude 7440', 'laptop', 8, 'dell', { memoryGb: [16, 32], released: '2023-03' }),
  pc('Dell Inc.', 'OptiPlex 7010', 'desktop', 6, 'dell', { released: '2023-02' }),
  pc('Dell Inc.', 'Precision 5680', 'laptop', 3, 'dell', { memoryGb: [32, 64], storageGb: [1024, 2048], released: '2023-06' }),
  pc('HP', 'HP EliteBook 840 G10', 'laptop', 14, 'hp', { tacs: ['35891614'], cellularShare: 0.08, released: '2023-03' }),
  pc('HP', 'HP ProBook 450 G10', 'laptop', 6, 'hp', { memoryGb: [8, 16], released: '2023-03' }),
  pc('HP', 'HP EliteDesk 800 G9 Desktop Mini PC', 'desktop', 4, 'hp', { released: '2022-06' }),
  pc('LENOVO', 'ThinkPad T14 Gen 4', 'laptop', 12, 'lenovo', { tacs: ['35469230'], cellularShare: 0.1, released: '2023-05' }),
  pc('LENOVO', 'ThinkPad X1 Carbon Gen 11', 'laptop', 5, 'lenovo', { memoryGb: [16, 32], tacs: ['35469231'], cellularShare: 0.2, released: '2023-03' }),
  pc('LENOVO', 'ThinkCentre M70q Gen 4', 'desktop', 3, 'lenovo', { released: '2023-06' }),
  pc('Microsoft Corporation', 'Surface Laptop 5', 'laptop', 8, 'surface', { released: '2022-10' }),
  pc('Microsoft Corporation', 'Surface Pro 9', 'tablet', 5, 'surface', { memoryGb: [8, 16], storageGb: [256, 512], released: '2022-10' }),
  pc('Microsoft Corporation', 'Surface Laptop 7th Edition', 'laptop', 2, 'surface', { arch: 'arM64', osFloor: '10.0.26100.0', released: '2024-06' }),
  // The previous refresh cycle, still in service.
  pc('Dell Inc.', 'Latitude 5420', 'laptop', 14, 'dell', { released: '2021-03', memoryGb: [16, 8] }),
  pc('HP', 'HP EliteBook 840 G8 Notebook PC', 'laptop', 11, 'hp', { released: '2021-02', memoryGb: [16, 8] }),
  pc('LENOVO', 'ThinkPad T14 Gen 2i', 'laptop', 9, 'lenovo', { released: '2021-04', memoryGb: [16, 8] }),
  pc('Microsoft Corporation', 'Surface Laptop 4', 'laptop', 6, 'surface', { released: '2021-04', memoryGb: [8, 16], storageGb: [256, 512] }),
  pc('Dell Inc.', 'OptiPlex 7090', 'desktop', 6, 'dell', { released: '2021-04' }),
  pc('Microsoft Corporation', 'Cloud PC Enterprise 2vCPU/8GB/128GB', 'unknown', 3, 'vm', { role: 'cloud', memoryGb: [8], storageGb: [128], wifiOuis: MS_VIRTUAL, ethernet: true, osFloor: '10.0.22621.0', released: '2021-08' }),
  pc('Microsoft Corporation', 'Cloud PC Enterprise 4vCPU/16GB/256GB', 'unknown', 1, 'vm', { role: 'cloud', memoryGb: [16], storageGb: [256], wifiOuis: MS_VIRTUAL, ethernet: true, osFloor: '10.0.22621.0', released: '2021-08' }),
  pc('Microsoft Corporation', 'Virtual Machine', 'unknown', 1, 'vm', { role: 'vm', memoryGb: [4, 8], storageGb: [128], wifiOuis: MS_VIRTUAL, ethernet: true, released: '2016-01' }),
]);

const phone = (model: string, weight: number, osFloor: string, released: string, tac: string, extra: Partial<Spec> = {}): Spec => ({
  manufacturer: 'Apple', model, marketingName: model, chassis: 'phone', weight, serial: 'apple',
  memoryGb: [6], storageGb: [128, 128, 256, 512], arch: 'unknown', tacs: [tac], cellularShare: 1,
  wifiOuis: APPLE_WIFI, ethernet: false, osFloor, released, ...extra,
});

const IPHONES = models('ios', [
  phone('iPhone 16', 12, '18.0', '2024-09', '35116012', { memoryGb: [8] }),
  phone('iPhone 16 Pro', 6, '18.0', '2024-09', '35116013', { memoryGb: [8] }),
  phone('iPhone 15', 20, '17.0', '2023-09', '35331915'),
  phone('iPhone 15 Pro', 12, '17.0', '2023-09', '35331916', { memoryGb: [8] }),
  phone('iPhone 14', 18, '16.0', '2022-09', '35325514'),
  phone('iPhone 13', 14, '15.0', '2021-09', '35398713', { memoryGb: [4] }),
  phone('iPhone SE (3rd generation)', 10, '15.4', '2022-03', '35739203', { memoryGb: [4], storageGb: [64, 128] }),
  phone('iPhone 12', 8, '14.1', '2020-10', '35302812', { memoryGb: [4], storageGb: [64, 128] }),
]);

const tablet = (model: string, weight: number, osFloor: string, released: string, tac: string, extra: Partial<Spec> = {}): Spec => ({
  ...phone(model, weight, osFloor, released, tac), chassis: 'tablet', cellularShare: 0.25, storageGb: [64, 64, 256], ...extra,
});

const IPADS = models('ipados', [
  tablet('iPad (10th generation)', 30, '16.1', '2022-10', '35810410', { memoryGb: [4] }),
  tablet('iPad (9th generation)', 15, '15.0', '2021-09', '35810409', { memoryGb: [3] }),
  tablet('iPad Air (5th generation)', 20, '15.4', '2022-03', '35810505', { memoryGb: [8] }),
  tablet('iPad Air 11-inch (M2)', 10, '17.5', '2024-05', '35810506', { memoryGb: [8], storageGb: [128, 256] }),
  tablet('iPad Pro (11-inch) (4th generation)', 10, '16.1', '2022-10', '35810604', { memoryGb: [8], storageGb: [128, 256, 512] }),
  tablet('iPad mini (6th generation)', 10, '15.0', '2021-09', '35810706', { memoryGb: [4] }),
]);

const mac = (model: string, weight: number, osFloor: string, released: string, extra: Partial<Spec> = {}): Spec => ({
  manufacturer: 'Apple', model, marketingName: model.split(' (')[0] ?? model, chassis: 'laptop', weight, serial: 'apple',
  memoryGb: [16, 16, 24, 8], storageGb: [512, 256, 1024], arch: 'arM64', tacs: [], cellularShare: 0,
  wifiOuis: APPLE_WIFI, ethernet: false, osFloor, released, ...extra,
});

const MACS = models('macos', [
  mac('MacBook Pro (14-inch, 2023)', 25, '13.2', '2023-01', { memoryGb: [16, 32, 18] }),
  mac('MacBook Air (M2, 2022)', 30, '12.4', '2022-07'),
  mac('MacBook Air (15-inch, M3, 2024)', 15, '14.3', '2024-03'),
  mac('MacBook Pro (16-inch, 2023)', 10, '13.2', '2023-01', { memoryGb: [32, 36, 48] }),
  mac('Mac mini (2023)', 8, '13.2', '2023-01', { chassis: 'desktop', ethernet: true }),
  mac('iMac (24-inch, 2023)', 7, '14.1', '2023-11', { chassis: 'desktop', ethernet: true }),
  mac('MacBook Pro (13-inch, 2020, Four Thunderbolt 3 ports)', 5, '10.15.4', '2020-05', { arch: 'x64', memoryGb: [16] }),
]);

const droid = (manufacturer: string, model: string, marketingName: string, weight: number, serial: SerialStyle, osFloor: string, released: string, tac: string, extra: Partial<Spec> = {}): Spec => ({
  manufacturer, model, marketingName, chassis: 'phone', weight, serial, memoryGb: [8, 6], storageGb: [128, 256],
  arch: 'unknown', tacs: tac ? [tac] : [], cellularShare: tac ? 1 : 0,
  wifiOuis: manufacturer === 'Google' ? GOOGLE_WIFI : SAMSUNG_WIFI, ethernet: false, osFloor, released, ...extra,
});

const ANDROIDS = models('android', [
  droid('samsung', 'SM-S911B', 'Galaxy S23', 18, 'samsung', '13.0', '2023-02', '35067811'),
  droid('samsung', 'SM-S921B', 'Galaxy S24', 12, 'samsung', '14.0', '2024-01', '35067812'),
  droid('samsung', 'SM-A546B', 'Galaxy A54 5G', 15, 'samsung', '13.0', '2023-03', '35067813', { memoryGb: [6, 8] }),
  droid('samsung', 'SM-G736B', 'Galaxy XCover6 Pro', 8, 'samsung', '12.0', '2022-07', '35067814', { role: 'rugged', memoryGb: [6] }),
  droid('samsung', 'SM-T636B', 'Galaxy Tab Active4 Pro', 6, 'samsung', '12.0', '2022-09', '35067815', { role: 'rugged', chassis: 'tablet', memoryGb: [4, 6], storageGb: [64, 128] }),
  droid('samsung', 'SM-X200', 'Galaxy Tab A8', 4, 'samsung', '11.0', '2022-01', '', { chassis: 'tablet', memoryGb: [3, 4], storageGb: [32, 64] }),
  droid('Google', 'Pixel 8', 'Pixel 8', 12, 'google', '14.0', '2023-10', '35851111'),
  droid('Google', 'Pixel 7a', 'Pixel 7a', 8, 'google', '13.0', '2023-05', '35851112'),
  droid('Zebra Technologies', 'TC52', 'TC52', 6, 'zebra', '10.0', '2019-06', '', { role: 'rugged', memoryGb: [4], storageGb: [32], wifiOuis: ['94FB29', '34DAB7'] }),
  droid('motorola', 'moto g54 5G', 'moto g54 5G', 5, 'motorola', '13.0', '2023-09', '35922413', { wifiOuis: ['68C44D', 'E89120'] }),
]);

export const HARDWARE: Readonly<Record<Platform, readonly HardwareModel[]>> = {
  windows: WINDOWS,
  ios: IPHONES,
  ipados: IPADS,
  macos: MACS,
  android: ANDROIDS,
};
