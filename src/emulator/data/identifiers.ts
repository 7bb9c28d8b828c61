// Hardware identifiers in each vendor's format: serial numbers, IMEIs with a valid Luhn
// check digit, MAC addresses under the vendor's OUI, Apple UDIDs. A Set per kind keeps them
// unique across 100,000 devices (a collision would break lookups by serial or IMEI).
import type { SeededRandom } from '../rng.ts';
import { randomChars } from './flat-strings.ts';
import type { SerialStyle } from './hardware-catalog.ts';

const DIGITS = '0123456789';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Dell service tags and Apple serials avoid easily confused letters. */
const TAG = '0123456789BCDFGHJKLMNPQRSTVWXYZ';
const HEX = '0123456789ABCDEF';

const chars = randomChars;

/** The Luhn check digit that makes `digits` + digit valid (IMEI, ICCID). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Counting from the right of the final number, every second digit is doubled; the check digit is position 1.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(number: string): boolean {
  if (!/^\d{2,}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1));
}

function serialFor(rng: SeededRandom, style: SerialStyle): string {
  switch (style) {
    case 'dell': return chars(rng, TAG, 7);
    case 'hp': return `5CG${chars(rng, DIGITS, 3)}${chars(rng, ALNUM, 4)}`;
    case 'lenovo': return `PF${chars(rng, ALNUM, 6)}`;
    case 'surface': return chars(rng, DIGITS, 12);
    case 'apple': return chars(rng, TAG, 10);
    case 'samsung': return `R5C${chars(rng, ALNUM, 8)}`;
    case 'google': return `${chars(rng, DIGITS, 2)}${chars(rng, ALNUM, 10)}`;
    case 'zebra': return `2${chars(rng, DIGITS, 13)}`;
    case 'motorola': return `ZY22${chars(rng, ALNUM, 6)}`;
    case 'vm': return `${chars(rng, DIGITS, 4)}-${chars(rng, DIGITS, 4)}-${chars(rng, DIGITS, 4)}-${chars(rng, DIGITS, 4)}-${chars(rng, DIGITS, 4)}-${chars(rng, DIGITS, 4)}-${chars(rng, DIGITS, 2)}`;
  }
}

export class IdentifierFactory {
  private readonly rng: SeededRandom;
  private readonly serials = new Set<string>();
  private readonly imeis = new Set<string>();
  private readonly macs = new Set<string>();

  constructor(rng: SeededRandom) {
    this.rng = rng;
  }

  serial(style: SerialStyle): string {
    let s = serialFor(this.rng, style);
    while (this.serials.has(s)) s = serialFor(this.rng, style);
    this.serials.add(s);
    return s;
  }

  /** 15 digits: 8-digit TAC, 6-digit serial, Luhn check digit. */
  imei(tac: string): string {
    let body = tac + chars(this.rng, DIGITS, 6);
    while (this.imeis.has(body)) body = tac + chars(this.rng, DIGITS, 6);
    this.imeis.add(body);
    return body + String(luhnCheckDigit(body));
  }

  /** 12 upper-case hex digits without separators, as Intune reports Wi-Fi and Ethernet MACs. */
  mac(oui: string): string {
    let m = oui + chars(this.rng, HEX, 6);
    while (this.macs.has(m)) m = oui + chars(this.rng, HEX, 6);
    this.macs.add(m);
    return m;
  }

  /** Apple's UDID for A12-and-later chips: "00008110-001A45D21E38801E". */
  appleUdid(): string {
    return `00008${chars(this.rng, HEX, 3)}-${chars(this.rng, HEX, 16)}`;
  }

  /** 19-digit SIM ICCID (89 = telecom, country code, issuer, account, Luhn). */
  iccid(countryCode: string): string {
    const body = `89${countryCode}${chars(this.rng, DIGITS, 16 - countryCode.length)}`;
    return body + String(luhnCheckDigit(body));
  }

  /** Exchange ActiveSync device ids look different per platform's mail client. */
  easDeviceId(kind: 'apple' | 'android' | 'windows', serial: string): string {
    if (kind === 'apple') return serial ? `Appl${serial}` : `Appl${chars(this.rng, TAG, 11)}`;
    if (kind === 'android') return `androidc${chars(this.rng, DIGITS, 10)}`;
    return chars(this.rng, HEX, 32);
  }

  /** Random part of an OEM default name such as DESKTOP-7H2K9QF. */
  hostSuffix(length: number): string {
    return chars(this.rng, ALNUM, length);
  }

  /** Supervised iOS devices escrow an Activation Lock bypass code in this shape. */
  activationLockBypassCode(): string {
    return [5, 5, 4, 4, 4, 4].map((n) => chars(this.rng, ALNUM, n)).join('-');
  }
}
