/**
 * Just enough XML for SOAP and WS-Discovery: elements, attributes, text, entities. Names
 * keep their local part only (`s:Envelope` → `Envelope`), as every ONVIF client does in
 * practice, because cameras pick any prefixes they like. Never throws: a camera or a
 * controller can send anything, and `undefined` means "not XML we can read".
 */
export interface XmlNode {
  /** Local name, prefix removed. */
  name: string;
  /** The prefix as written (`s`, `tt`), for messages that name a fault code with it. */
  prefix: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Documents larger than this are refused rather than parsed: no SOAP message here comes close. */
export const XML_MAX_LENGTH = 256 * 1024;
const MAX_DEPTH = 64;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity] ?? whole;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${Object.entries(ENTITIES).find(([, v]) => v === c)![0]};`);
}

const splitName = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon < 0 ? { prefix: '', name: qname } : { prefix: qname.slice(0, colon), name: qname.slice(colon + 1) };
};

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseXml(source: string): XmlNode | undefined {
  if (source.length > XML_MAX_LENGTH) return undefined;
  const root: XmlNode = { name: '#document', prefix: '', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) stack.at(-1)!.text += decodeEntities(source.slice(i, textEnd));
    if (lt < 0) break;
    if (source.startsWith('<?', lt) || source.startsWith('<!--', lt) || source.startsWith('<!DOCTYPE', lt)) {
      const close = source.startsWith('<?', lt) ? '?>' : source.startsWith('<!--', lt) ? '-->' : '>';
      const end = source.indexOf(close, lt + 2);
      if (end < 0) return undefined;
      i = end + close.length;
      continue;
    }
    if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt);
      if (end < 0) return undefined;
      stack.at(-1)!.text += source.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(source);
    if (!m) return undefined;
    const [whole, closing, qname, rawAttrs, selfClosing] = m as unknown as [string, string, string, string, string];
    i = lt + whole.length;
    const { prefix, name } = splitName(qname);
    if (closing) {
      const open = stack.pop();
      if (!open || open === root || open.name !== name || open.prefix !== prefix) return undefined;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(ATTR)) attrs[splitName(a[1]!).name] = decodeEntities(a[2] ?? a[3] ?? '');
    const node: XmlNode = { name, prefix, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    if (!selfClosing) {
      if (stack.length > MAX_DEPTH) return undefined;
      stack.push(node);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) return undefined;
  return root.children[0];
}

/** First child element named `name` (local name). */
export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => c.name === name);

/** Follow a path of child names: `path(envelope, 'Body', 'GetStatus', 'ProfileToken')`. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  return names.reduce<XmlNode | undefined>((n, name) => child(n, name), node);
}

/** First element named `name` anywhere below `node`, depth first. */
export function descendant(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) {
    if (c.name === name) return c;
    const deeper = descendant(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Trimmed text of an element, or undefined when there is no such element. */
export const textOf = (node: XmlNode | undefined): string | undefined => (node ? node.text.trim() : undefined);
