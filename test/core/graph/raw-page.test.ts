// Reading a page's next link without parsing the page (raw-page.ts): it answers from the
// annotations before the devices and gives up on anything else rather than guess; readRawPage
// then refuses a page whose text and link disagree, so together they never follow a link the
// page does not name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '../../../src/core/problem.ts';
import { peekNextLink, readRawPage } from '../../../src/core/graph/raw-page.ts';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));
const parsedLink = (text: string): string | undefined => {
  const next = (JSON.parse(text) as { '@odata.nextLink'?: string | null })['@odata.nextLink'];
  return next ?? undefined;
};
const LINK = 'https://graph.microsoft.com/beta/deviceManagement/managedDevices?$top=1000&$skiptoken=LastDeviceId%3d%27a1%27';
const DEVICES = '[{"id":"a1","deviceName":"PC [1], \\"quoted\\"","notes":"@odata.nextLink\\":\\"https://evil.example/\\"}"},{"id":"b2","tags":[[1,2],[]]}]';

describe('peekNextLink', () => {
  const plain: [string, string][] = [
    ['a link before the list', `{"@odata.context":"https://graph.microsoft.com/beta/$metadata#x","@odata.nextLink":${JSON.stringify(LINK)},"value":${DEVICES}}`],
    ['count and link, spaced and on lines', `{\n  "@odata.count" : 2 ,\n  "@odata.nextLink" : ${JSON.stringify(LINK)} ,\n  "value" : ${DEVICES}\n}\n`],
    ['escapes in the link', `{"@odata.nextLink":"https:\\/\\/graph.microsoft.com\\/beta\\/x?name=Zo\\u00eb&q=\\"a\\"","value":[]}`],
    ['a link of null', `{"@odata.nextLink":null,"value":${DEVICES}}`],
    ['text outside ASCII around the list', `{"@odata.context":"Zoë’s 📱","@odata.nextLink":"https://g/x?é","value":[{"id":"é"}]}`],
  ];
  for (const [name, text] of plain) {
    it(`reads ${name} as JSON.parse does`, () => {
      const peeked = peekNextLink(bytes(text));
      assert.ok(peeked, 'a plain page is read without parsing it');
      assert.equal(peeked.nextLink, parsedLink(text));
    });
  }

  const unsure: [string, string][] = [
    ['no link before the list (it may come after, as on a last page)', `{"@odata.context":"c","@odata.count":2,"value":${DEVICES}}`],
    ['a link after the list', `{"value":${DEVICES},"@odata.nextLink":${JSON.stringify(LINK)}}`],
    ['a link given twice before the list', `{"@odata.nextLink":"https://g/a","@odata.nextLink":"https://g/b","value":[]}`],
    ['an annotation holding an object', `{"@odata.extra":{"a":1},"@odata.nextLink":"https://g/a","value":[]}`],
    ['a member other than annotations before the list', `{"items":1,"@odata.nextLink":"https://g/a","value":[]}`],
    ['a bracket inside an annotation', `{"@odata.nextLink":"https://g/a?x=[1]","value":[{"id":"x"}]}`],
    ['a list that is not "value"', `{"@odata.nextLink":"https://g/a","values":[]}`],
    ['a link that is not a string', `{"@odata.nextLink":12,"value":[]}`],
    ['not an object', `[{"value":[]}]`],
  ];
  for (const [name, text] of unsure) {
    it(`gives up on ${name}`, () => {
      assert.equal(peekNextLink(bytes(text)), undefined);
    });
  }

  it('with readRawPage, never follows a link JSON.parse would not, on 3,000 pages of random annotations, order and spacing', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const space = (): string => pick(['', ' ', '\n  ', '\t']);
    const values = [`"https://g/x?a=${'é'}"`, '"plain"', '"a\\"b\\\\c"', '"[x]"', '3', '-1.5e3', 'null', 'true', '{"k":"v"}', '["x"]'];
    const names = ['@odata.nextLink', '@odata.count', '@odata.context', '@microsoft.graph.tips', 'other'];
    let answered = 0;
    for (let n = 0; n < 3000; n++) {
      const pair = (): string => `${space()}"${pick(names)}"${space()}:${space()}${pick(values)}${space()}`;
      const before = Array.from({ length: Math.floor(random() * 3) }, () => `${pair()},`).join('');
      const after = Array.from({ length: Math.floor(random() * 2) }, () => `,${pair()}`).join('');
      const text = `${space()}{${before}${space()}"value"${space()}:${space()}${random() < 0.5 ? DEVICES : '[]'}${after}${space()}}${space()}`;
      const peeked = peekNextLink(bytes(text));
      if (!peeked) continue;
      answered++;
      const page = { bytes: bytes(text), ...(peeked.nextLink === undefined ? {} : { nextLink: peeked.nextLink }), clientRequestId: 'c' };
      const link = (JSON.parse(text) as Record<string, unknown>)['@odata.nextLink'];
      if (link === peeked.nextLink || (link === null && peeked.nextLink === undefined)) assert.equal(readRawPage(page).nextLink, peeked.nextLink, text);
      else assert.throws(() => readRawPage(page), ProblemError, `a page naming another link after its devices is refused: ${text}`);
    }
    assert.ok(answered > 100, `plain pages are read (${answered})`);
  });
});

describe('readRawPage', () => {
  const page = (text: string, nextLink?: string): Parameters<typeof readRawPage>[0] => ({ bytes: bytes(text), ...(nextLink ? { nextLink } : {}), clientRequestId: 'c-1', requestId: 'r-1' });

  it('parses the page and keeps its link', () => {
    const read = readRawPage<{ id: string }>(page(`{"@odata.nextLink":"https://g/2","value":[{"id":"é"}]}`, 'https://g/2'));
    assert.deepEqual(read.value, [{ id: 'é' }]);
    assert.equal(read.nextLink, 'https://g/2');
  });

  for (const [name, text, link] of [
    ['text that is not JSON', '{"value":[', undefined],
    ['a link other than the one followed', '{"@odata.nextLink":"https://g/2","value":[]}', 'https://g/3'],
    ['a link where none was followed', '{"@odata.nextLink":"https://g/2","value":[]}', undefined],
  ] as const) {
    it(`refuses ${name}, naming the request`, () => {
      assert.throws(() => readRawPage(page(text, link)), (error: unknown) => error instanceof ProblemError && error.problem.code === 'malformedResponse' && error.problem.requestId === 'r-1');
    });
  }
});
