// Shared inputs for the generated-data tests: small tenants, one fixed anchor.
import { CONTOSO, NORTHWIND, demoDirectory } from '../../../src/emulator/directory/demo-directory.ts';
import type { DemoTenantData, GenerateOptions } from '../../../src/emulator/data/generate-tenant.ts';
import { generateTenantData } from '../../../src/emulator/data/generate-tenant.ts';
import type { EntityCollection, EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import { managedDevices, navCollection, singleton } from '../../../src/emulator/graph/model/tenant-graph.ts';

export const ANCHOR = Date.UTC(2025, 0, 15, 12, 0, 0);
export const DEVICES = 2000;
export const directory = demoDirectory();

export function options(overrides: Partial<GenerateOptions> = {}): GenerateOptions {
  return { tenantId: CONTOSO.id, devices: DEVICES, seed: 7, anchorTime: ANCHOR, ...overrides };
}

export function contoso(overrides: Partial<GenerateOptions> = {}): DemoTenantData {
  return generateTenantData(directory, options(overrides));
}

export function northwind(overrides: Partial<GenerateOptions> = {}): DemoTenantData {
  return generateTenantData(directory, options({ tenantId: NORTHWIND.id, devices: 200, ...overrides }));
}

export function devicesOf(data: DemoTenantData): readonly EntityRecord[] {
  return managedDevices(data.graph).values();
}

export function collectionOf(data: DemoTenantData, singletonName: 'deviceManagement' | 'deviceAppManagement', nav: string): EntityCollection {
  const found = navCollection(singleton(data.graph, singletonName), nav);
  if (!found) throw new Error(`${singletonName} has no ${nav}`);
  return found;
}

export function text(record: EntityRecord, key: string): string {
  const v = record.props[key];
  if (typeof v !== 'string') throw new Error(`${record.type}.${key} is not a string: ${JSON.stringify(v)}`);
  return v;
}

export function share<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.filter(test).length / items.length;
}
