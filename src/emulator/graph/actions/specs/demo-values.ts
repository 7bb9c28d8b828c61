// Values a real device would report, drawn from the seeded stream so a seed replays them.
import type { SeededRandom } from '../../../rng.ts';
import type { JsonObject } from '../../model/json.ts';

export function digits(random: SeededRandom, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(random.int(0, 9));
  return out;
}

// Office cities a demo fleet plausibly sits in; a located device lands within ~1 km of one.
const PLACES: readonly (readonly [number, number])[] = [
  [47.6423, -122.1391], // Redmond
  [51.5072, -0.1276], // London
  [52.3676, 4.9041], // Amsterdam
  [48.1351, 11.582], // Munich
  [-33.8688, 151.2093], // Sydney
  [35.6762, 139.6503], // Tokyo
];

/** A deviceGeoLocation as locateDevice reports it. */
export function geoLocation(random: SeededRandom, at: string): JsonObject {
  const [lat, lon] = random.pick(PLACES);
  const jitter = (): number => Math.round((random.next() - 0.5) * 0.02 * 1e6) / 1e6;
  return {
    altitude: random.int(0, 120),
    heading: 0,
    horizontalAccuracy: random.int(5, 65),
    lastCollectedDateTime: at,
    latitude: Math.round((lat + jitter()) * 1e6) / 1e6,
    longitude: Math.round((lon + jitter()) * 1e6) / 1e6,
    speed: 0,
    verticalAccuracy: random.int(3, 30),
  };
}
