// A malformed page must never parse, whatever it was cut from.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { malformBody } from '../../../src/emulator/faults/malformed-body.ts';
import { SeededRandom } from '../../../src/emulator/rng.ts';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('malformBody', () => {
  it('cuts a page short, deterministically', () => {
    const page = JSON.stringify({
      '@odata.context': 'https://127.0.0.1/v1.0/$metadata#deviceManagement/managedDevices',
      value: Array.from({ length: 20 }, (_, i) => ({ id: `device-${i}`, deviceName: `PC-${i}` })),
    });
    const broken = malformBody(page);
    assert.equal(broken, malformBody(page));
    assert.ok(page.startsWith(broken));
    assert.ok(broken.length < page.length);
    assert.equal(parses(broken), false);
  });

  it('never returns something that parses, even for tiny or odd inputs', () => {
    const samples = ['', ' ', '{}', '{} \n', '[]', '0', '12', '123', 'null', 'true', '"x"', '"abc"', '[1,2]', '{"a":1}', '{"value":[]}', '  {"a" : [1, {"b": "c"}]}  '];
    const random = new SeededRandom(99);
    for (let i = 0; i < 500; i++) {
      const n = random.int(0, 12);
      samples.push(JSON.stringify({ value: Array.from({ length: n }, () => ({ n: random.int(0, 1e6), s: random.hex(random.int(0, 8)) })) }));
      samples.push(JSON.stringify(random.int(0, 1e9)));
    }
    for (const sample of samples) assert.equal(parses(malformBody(sample)), false, JSON.stringify(sample));
  });
});
