import { escapeXml } from './onvif-xml.js';

/**
 * SOAP 1.2 envelopes as ONVIF writes them. The namespace URIs are what matters (clients such
 * as libonvif look elements up by URI), so every response declares the same set.
 */
export const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wsa5: 'http://www.w3.org/2005/08/addressing',
  tns1: 'http://www.onvif.org/ver10/topics',
  d: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  dn: 'http://www.onvif.org/ver10/network/wsdl',
} as const;

const declarations = (prefixes: readonly (keyof typeof NS)[]) => prefixes.map((p) => `xmlns:${p}="${NS[p]}"`).join(' ');

export function soapEnvelope(body: string, header = ''): string {
  const ns = declarations(['s', 'tds', 'trt', 'tptz', 'tev', 'tt', 'ter', 'wsnt', 'wsa5', 'tns1']);
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${ns}>${header ? `<s:Header>${header}</s:Header>` : ''}<s:Body>${body}</s:Body></s:Envelope>`;
}

/** An ONVIF fault: `sender` faults are the client's doing (HTTP 400), `receiver` ones the device's (500). */
export interface SoapFault {
  side: 'Sender' | 'Receiver';
  /** ONVIF subcodes, outermost first, without prefix: ['InvalidArgVal', 'NoToken']. */
  subcodes: string[];
  reason: string;
}

export function soapFault(fault: SoapFault): string {
  const nested = fault.subcodes.reduceRight((inner, code) => `<s:Subcode><s:Value>ter:${code}</s:Value>${inner}</s:Subcode>`, '');
  return soapEnvelope(
    `<s:Fault><s:Code><s:Value>s:${fault.side}</s:Value>${nested}</s:Code>` +
      `<s:Reason><s:Text xml:lang="en">${escapeXml(fault.reason)}</s:Text></s:Reason></s:Fault>`,
  );
}

/** The faults the simulated camera raises, named as the ONVIF core and PTZ specs name them. */
export const FAULTS = {
  notAuthorized: { side: 'Sender', subcodes: ['NotAuthorized'], reason: 'Sender not Authorized' },
  actionNotSupported: { side: 'Receiver', subcodes: ['ActionNotSupported'], reason: 'Optional Action Not Implemented' },
  wellFormed: { side: 'Sender', subcodes: ['WellFormed'], reason: 'Well-formed Error' },
  noProfile: { side: 'Sender', subcodes: ['InvalidArgVal', 'NoProfile'], reason: 'The requested profile token does not exist' },
  noToken: { side: 'Sender', subcodes: ['InvalidArgVal', 'NoToken'], reason: 'No token' },
  invalidPosition: { side: 'Sender', subcodes: ['InvalidArgVal', 'InvalidPosition'], reason: 'Invalid position' },
  invalidTranslation: { side: 'Sender', subcodes: ['InvalidArgVal', 'InvalidTranslation'], reason: 'Invalid translation' },
  invalidVelocity: { side: 'Sender', subcodes: ['InvalidArgVal', 'InvalidVelocity'], reason: 'Invalid velocity' },
  tooManyPresets: { side: 'Receiver', subcodes: ['Action', 'TooManyPresets'], reason: 'Maximum number of presets reached' },
  invalidPresetName: { side: 'Sender', subcodes: ['InvalidArgVal', 'InvalidPresetName'], reason: 'Invalid preset name' },
  noConfig: { side: 'Sender', subcodes: ['InvalidArgVal', 'NoConfig'], reason: 'The requested configuration does not exist' },
  presetExist: { side: 'Sender', subcodes: ['InvalidArgVal', 'PresetExist'], reason: 'The requested name already exists for another preset' },
  noHomePosition: { side: 'Receiver', subcodes: ['Action', 'NoHomePosition'], reason: 'No home position has been defined' },
  invalidSubscription: { side: 'Sender', subcodes: ['InvalidArgVal', 'ResourceUnknownFault'], reason: 'Unknown subscription' },
} as const satisfies Record<string, SoapFault>;
