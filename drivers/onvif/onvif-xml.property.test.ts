import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeMatchesMessage, readProbe, readProbeMatch } from './onvif-discovery-messages.js';
import { onvifError, readSoapFault } from './onvif-faults.js';
import { soapFault } from './onvif-soap.js';
import { decodeEntities, escapeXml, parseXml, type XmlNode } from './onvif-xml.js';

/**
 * The XML a camera (or anything on the discovery multicast group) sends is untrusted: the
 * parser never throws, whatever the bytes; what it reads from well-formed XML is what was
 * written; and the discovery messages it builds read back the same.
 */
/** 5,000 cases by default, 20,000 with ROOMCTL_FULL=1, any count with ONVIF_FUZZ_CASES. */
const CASES = Number(process.env.ONVIF_FUZZ_CASES ?? (process.env.ROOMCTL_FULL === '1' ? 20_000 : 5_000));

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);
const prefix = fc.oneof(fc.constant(''), fc.constantFrom('s', 'tt', 'tds', 'd', 'a'));
const text = fc.string({ maxLength: 20, unit: 'grapheme' }).filter((t) => t.trim() === t || t.length === 0);

/** Trees where an element has either text or children, so the round trip is exact. */
const tree: fc.Arbitrary<XmlNode> = fc.letrec<{ node: XmlNode }>((tie) => ({
  node: fc
    .record({
      name,
      prefix,
      attrs: fc.dictionary(name, fc.string({ maxLength: 12, unit: 'grapheme' }), { maxKeys: 3 }),
      children: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant([] as XmlNode[]), fc.array(tie('node'), { maxLength: 3 })),
      text,
    })
    .map((n) => (n.children.length ? { ...n, text: '' } : n)),
})).node;

function serialise(n: XmlNode): string {
  const q = n.prefix ? `${n.prefix}:${n.name}` : n.name;
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  return `<${q}${attrs}>${n.children.length ? n.children.map(serialise).join('') : escapeXml(n.text)}</${q}>`;
}

/** Strings near the grammar: fragments of real SOAP, cut and spliced. */
const xmlish = fc
  .tuple(
    tree.map(serialise),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('<', '>', '</', '/>', '&', '&#x110000;', '<![CDATA[', '<!--', '"', "'", ':', ''), fc.nat({ max: 4 })), {
      maxLength: 4,
    }),
  )
  .map(([xml, edits]) => edits.reduce((s, [at, insert, cut]) => s.slice(0, at % (s.length + 1)) + insert + s.slice((at % (s.length + 1)) + cut), xml));

describe('ONVIF XML under property tests', () => {
  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(xmlish, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (source) => {
        parseXml(source);
        readProbe(source);
        readProbeMatch(source, 'urn:uuid:1');
        readSoapFault(source);
        // Any reply body with any error becomes a coded error, never a throw.
        expect(onvifError(new Error('HTTP 500'), source, 'GetStatus').error.code).toMatch(/^ROOMCTL_E_/);
      }),
      { numRuns: CASES },
    );
  });

  it('reads back exactly the tree that was written', () => {
    const strip = (n: XmlNode): unknown => ({
      name: n.name,
      prefix: n.prefix,
      attrs: n.attrs,
      text: n.children.length ? '' : n.text,
      children: n.children.map(strip),
    });
    fc.assert(
      fc.property(tree, (t) => {
        expect(strip(parseXml(serialise(t))!)).toEqual(strip(t));
      }),
      { numRuns: CASES / 10 },
    );
  });

  it('refuses nesting deeper than its bound instead of running out of stack', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 5000 }), (depth) => {
        expect(parseXml(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it('escapes and decodes entities as inverses', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeEntities(escapeXml(s))).toBe(s);
      }),
      { numRuns: CASES / 10 },
    );
  });

  it('reads a SOAP fault back as it was written', () => {
    const code = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('Sender', 'Receiver') as fc.Arbitrary<'Sender' | 'Receiver'>,
        fc.array(code, { maxLength: 4 }),
        fc.string({ maxLength: 60, unit: 'grapheme' }),
        (side, subcodes, reason) => {
          expect(readSoapFault(soapFault({ side, subcodes, reason }))).toEqual({ side, subcodes, reason: reason.trim() });
        },
      ),
      { numRuns: CASES / 20 },
    );
  });

  it('reads its own ProbeMatches answer back, and only for the probe it answers', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9:/._-]{1,20}$/);
    fc.assert(
      fc.property(
        fc.uuid(),
        word,
        fc.array(
          word.map((w) => `http://10.0.0.1/${w}`),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(word, { maxLength: 3 }),
        (id, urn, xaddrs, scopes) => {
          const messageId = `urn:uuid:${id}`;
          const xml = probeMatchesMessage(messageId, { urn, xaddrs, scopes, types: ['dn:NetworkVideoTransmitter'] });
          expect(readProbeMatch(xml, messageId)).toEqual({ urn, xaddrs, scopes, types: ['dn:NetworkVideoTransmitter'] });
          expect(readProbeMatch(xml, `${messageId}0`)).toBeUndefined();
        },
      ),
      { numRuns: CASES / 20 },
    );
  });
});
