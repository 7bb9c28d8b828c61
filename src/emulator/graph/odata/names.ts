// Graph resolves property and navigation names case-insensitively (`DeviceName eq 'x'`,
// `$select=DeviceName` both work), preferring an exact match.

export function findName(map: ReadonlyMap<string, unknown>, name: string): string | undefined {
  if (map.has(name)) return name;
  const lower = name.toLowerCase();
  for (const key of map.keys()) if (key.toLowerCase() === lower) return key;
  return undefined;
}
