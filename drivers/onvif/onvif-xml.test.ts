import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSoapFault } from './onvif-faults.js';
import { FAULTS, soapFault } from './onvif-soap.js';
import { descendant, escapeXml, parseXml, path, textOf } from './onvif-xml.js';

describe('the small XML reader', () => {
  it('reads a SOAP envelope whatever prefixes the sender chose', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><!-- hi --><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"><SOAP-ENV:Body>' +
        '<ns9:GetStatus xmlns:ns9="http://www.onvif.org/ver20/ptz/wsdl"><ns9:ProfileToken>a &amp; b</ns9:ProfileToken><x:PanTilt x="0.5" y=\'-1\'/></ns9:GetStatus>' +
        '</SOAP-ENV:Body></SOAP-ENV:Envelope>',
    );
    expect(textOf(path(doc, 'Body', 'GetStatus', 'ProfileToken'))).toBe('a & b');
    expect(descendant(doc, 'PanTilt')?.attrs).toEqual({ x: '0.5', y: '-1' });
    expect(path(doc, 'Body', 'GetStatus')?.prefix).toBe('ns9');
  });

  it.each(['', '<a>', '<a></b>', '<a/><b/>', 'text only', '<a x="1></a>', '<!-- open', `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`])('refuses %j', (xml) => {
    expect(parseXml(xml)).toBeUndefined();
  });

  it('escapes what it writes', () => {
    expect(escapeXml(`<"a" & 'b'>`)).toBe('&lt;&quot;a&quot; &amp; &apos;b&apos;&gt;');
  });

  it('reads back the faults the simulator writes', () => {
    expect(readSoapFault(soapFault(FAULTS.invalidPosition))).toEqual({
      side: 'Sender',
      subcodes: ['InvalidArgVal', 'InvalidPosition'],
      reason: 'Invalid position',
    });
    expect(readSoapFault('<not-soap/>')).toBeUndefined();
  });

  it('never throws on random or damaged input', () => {
    const sample = soapFault(FAULTS.noToken);
    const damaged = fc
      .tuple(fc.nat(sample.length), fc.nat(40), fc.string({ maxLength: 20 }))
      .map(([at, cut, insert]) => sample.slice(0, at) + insert + sample.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), damaged), (xml) => {
        parseXml(xml);
        readSoapFault(xml);
      }),
      { numRuns: 5000 },
    );
  });
});
