// Building short strings from character codes in one step. V8 turns `a + b` of 13+ chars
// into a chain of cons-string nodes; at 100,000 devices, with a dozen ids and timestamps
// each, that roughly doubles their memory. String.fromCharCode on a scratch array yields
// one flat string.
import type { SeededRandom } from '../rng.ts';

const scratch: number[] = [];

/** A flat string of `length` characters drawn from `alphabet`. */
export function randomChars(rng: SeededRandom, alphabet: string, length: number): string {
  scratch.length = length;
  for (let i = 0; i < length; i++) scratch[i] = alphabet.charCodeAt(Math.floor(rng.next() * alphabet.length));
  return String.fromCharCode.apply(null, scratch);
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const DASH = 45;

/** A version-4-shaped GUID in one flat string (SeededRandom.guid builds it by concatenation). */
export function guid(rng: SeededRandom): string {
  scratch.length = 36;
  let word = 0;
  for (let i = 0, nibble = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      scratch[i] = DASH;
      continue;
    }
    if (nibble % 8 === 0) word = rng.uint32();
    let v = (word >>> ((nibble % 8) * 4)) & 0xf;
    if (i === 14) v = 4;
    if (i === 19) v = (v & 0x3) | 0x8;
    scratch[i] = HEX_CODES[v] as number;
    nibble++;
  }
  return String.fromCharCode.apply(null, scratch);
}

function put2(at: number, n: number): void {
  scratch[at] = 48 + Math.floor(n / 10);
  scratch[at + 1] = 48 + (n % 10);
}

/**
 * ISO 8601 at whole seconds with a Z ("2024-05-03T10:41:07Z"), for years 0000-9999.
 * Written digit by digit (civil-from-days, H. Hinnant): the device loop formats ~800,000
 * timestamps and Date#toISOString was the largest cost after garbage collection.
 */
export function isoSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86400);
  const secs = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  scratch.length = 20;
  put2(0, Math.floor(year / 100));
  put2(2, year % 100);
  scratch[4] = DASH;
  put2(5, month);
  scratch[7] = DASH;
  put2(8, day);
  scratch[10] = 84; // T
  put2(11, Math.floor(secs / 3600));
  scratch[13] = 58; // :
  put2(14, Math.floor((secs % 3600) / 60));
  scratch[16] = 58;
  put2(17, secs % 60);
  scratch[19] = 90; // Z
  return String.fromCharCode.apply(null, scratch);
}
