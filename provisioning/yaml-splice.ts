import { isDeepStrictEqual } from 'node:util';
import { type Document, isAlias, isMap, isNode, isScalar, isSeq, type Node, type Pair, Scalar, stringify, type YAMLMap, type YAMLSeq } from 'yaml';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

/** One change to the file's text: [from, to) replaced by `insert` (positions in the text as it was). */
interface Edit {
  from: number;
  to: number;
  insert: string;
}

/**
 * `text` made to say `value` by changing only the lines whose content changed: a value is
 * rewritten where it stands, a key or a device gone takes its lines (and the comment lines right
 * above it) with it, a new one is added below its neighbours. Every other byte stays as IT left
 * it — spacing, blank lines, comments, quoting — so a rerun that changes nothing writes the same
 * bytes and one that changes a device touches only that device's lines. Undefined when the
 * change cannot be said that way (devices in a new order, a list or map emptied, a value behind
 * an alias): the caller edits the parsed document instead.
 */
export function spliceYaml(doc: Document, text: string, value: Plain): string | undefined {
  const edits: Edit[] = [];
  if (!splice({ doc, text, edits }, doc.contents, value, false)) return undefined;
  const eol = lineEndingOf(text);
  // Ascending, inserts at one place kept in the order they were made.
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.from - b.from || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of ordered) {
    if (e.from < at) return undefined; // overlapping edits: not a change this can make safely
    out += text.slice(at, e.from) + inLineEnding(e.insert, eol);
    at = e.to;
  }
  return out + text.slice(at);
}

/**
 * The line ending most of the file's lines end in: `\r\n` for a file saved on Windows, so the
 * lines a rerun adds or changes end like the lines around them (a tie, or no line break, is `\n`).
 */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const breaks = text.split('\n').length - 1;
  const windows = text.split('\r\n').length - 1;
  return windows * 2 > breaks ? '\r\n' : '\n';
}

/** Text written with `\n` (as the YAML library writes it), its line breaks made `eol`. */
export const inLineEnding = (text: string, eol: '\n' | '\r\n') => (eol === '\n' ? text : text.replace(/\r?\n/g, eol));

interface Ctx {
  doc: Document;
  text: string;
  edits: Edit[];
}

function splice(ctx: Ctx, node: unknown, value: unknown, inFlow: boolean): boolean {
  if (isNode(node) && isDeepStrictEqual(node.toJS(ctx.doc), value)) return true;
  if (!isNode(node) || isAlias(node) || !node.range) return false;
  if (isScalar(node) && !isPlain(value) && !Array.isArray(value)) {
    ctx.edits.push({ from: node.range[0], to: node.range[1], insert: scalarText(value, node, inFlow) });
    return true;
  }
  if (isMap(node) && isPlain(value)) return node.flow || inFlow ? spliceFlow(ctx, node, value) : spliceBlockMap(ctx, node, value);
  if (isSeq(node) && Array.isArray(value)) return node.flow || inFlow ? spliceFlow(ctx, node, value) : spliceBlockSeq(ctx, node, value);
  return false;
}

/** A flow map or list (`{ 31: Laptop }`, `[a, b]`): its values edited where they stand, or the whole written again on one line. */
function spliceFlow(ctx: Ctx, node: YAMLMap | YAMLSeq, value: Plain | unknown[]): boolean {
  const sameShape = isMap(node)
    ? isPlain(value) && node.items.length === Object.keys(value).length && node.items.every((p) => keyOf(p) in value)
    : Array.isArray(value) && node.items.length === value.length;
  if (sameShape) {
    const marks = ctx.edits.length;
    const fits = isMap(node)
      ? node.items.every((p) => splice(ctx, p.value, (value as Plain)[keyOf(p)], true))
      : node.items.every((item, i) => splice(ctx, item, (value as unknown[])[i], true));
    if (fits) return true;
    ctx.edits.length = marks;
  }
  const [from, to] = node.range!;
  ctx.edits.push({ from, to, insert: stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd() });
  return true;
}

function spliceBlockMap(ctx: Ctx, node: YAMLMap, value: Plain): boolean {
  const kept = node.items.filter((p) => keyOf(p) in value);
  if (kept.length === 0) return false; // an emptied block map has no lines to stand on
  for (const pair of node.items) {
    if (!isNode(pair.key) || !pair.key.range) return false;
    if (keyOf(pair) in value) {
      if (!splice(ctx, pair.value, value[keyOf(pair)], false)) return false;
    } else {
      ctx.edits.push({ from: blockStart(ctx.text, pair.key.range[0]), to: blockEnd(ctx.text, pair), insert: '' });
    }
  }
  const added = Object.keys(value).filter((k) => !node.items.some((p) => keyOf(p) === k));
  if (added.length) {
    const last = kept[kept.length - 1]!;
    const indent = ' '.repeat(column(ctx.text, (node.items[0]!.key as Node).range![0]));
    const lines = stringify(Object.fromEntries(added.map((k) => [k, value[k]])), { lineWidth: 0 });
    ctx.edits.push({ from: blockEnd(ctx.text, last), to: blockEnd(ctx.text, last), insert: indented(lines, indent) });
  }
  return true;
}

/** A block list: its items matched by `id` (the devices) or by place, each edited, dropped or added where it belongs. */
function spliceBlockSeq(ctx: Ctx, node: YAMLSeq, value: unknown[]): boolean {
  const byId = value.every((v) => isPlain(v) && 'id' in v);
  const matchOf = (v: unknown, i: number): unknown => (byId ? node.items.find((item) => isMap(item) && item.get('id') === (v as Plain).id) : node.items[i]);
  const matched = value.map(matchOf);
  const keptItems = matched.filter((m) => m !== undefined);
  if (keptItems.length === 0) return false;
  // Kept items in a new order: not a splice (the document edit moves them, with their comments).
  if (keptItems.some((m, i) => i > 0 && node.items.indexOf(m) < node.items.indexOf(keptItems[i - 1]))) return false;
  const first = node.items[0] as Node | undefined;
  if (!first?.range) return false;
  const dash = column(ctx.text, dashOf(ctx.text, first.range[0]));
  for (const item of node.items) {
    if (!isNode(item) || !item.range) return false;
    if (!keptItems.includes(item))
      ctx.edits.push({ from: blockStart(ctx.text, dashOf(ctx.text, item.range[0])), to: lineEnd(ctx.text, item.range[1]), insert: '' });
  }
  let after: number | undefined; // where the next new item goes: below the kept item before it
  const pending: unknown[] = [];
  const flush = (at: number) => {
    if (pending.length) ctx.edits.push({ from: at, to: at, insert: indented(stringify(pending.splice(0), { lineWidth: 0 }), ' '.repeat(dash)) });
  };
  for (const [i, v] of value.entries()) {
    const old = matched[i] as Node | undefined;
    if (old === undefined) {
      pending.push(v);
      continue;
    }
    if (!splice(ctx, old, v, false)) return false;
    // New items before this kept one go above it (and above the comment lines that belong to it).
    flush(after ?? blockStart(ctx.text, dashOf(ctx.text, old.range![0])));
    after = lineEnd(ctx.text, old.range![1]);
  }
  flush(after!);
  return true;
}

/** A scalar's new text, quoted as the old one was where that still reads back as the value. */
function scalarText(value: unknown, old: Scalar, inFlow: boolean): string {
  if (typeof value === 'string' && old.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (typeof value === 'string' && old.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  // Text a flow collection would split (`,` `{` `}` `[` `]`), or a block scalar, goes in double quotes.
  if (typeof value === 'string' && (plain.includes('\n') || (inFlow && /[,[\]{}]/.test(plain)))) return JSON.stringify(value);
  return plain;
}

const indented = (lines: string, indent: string) =>
  lines
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n');
const lineStart = (text: string, pos: number) => text.lastIndexOf('\n', pos - 1) + 1;
const column = (text: string, pos: number) => pos - lineStart(text, pos);
/** Just past the newline that ends the line `pos` is on (a block's range already ends there). */
function lineEnd(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}
/** The `-` of the list item whose content starts at `pos`. */
const dashOf = (text: string, pos: number) => text.lastIndexOf('-', pos);
/** Where a key's or an item's lines begin: its own line, with the comment lines directly above it at its indent (its comment). */
function blockStart(text: string, pos: number): number {
  let start = lineStart(text, pos);
  const indent = text.slice(start, pos).replace(/-.*$/, '');
  for (;;) {
    if (start === 0) return start;
    const above = lineStart(text, start - 1);
    const line = text.slice(above, start - 1);
    if (!line.startsWith(`${indent}#`)) return start;
    start = above;
  }
}
/** Just past a pair's last line (its value, and the comment at its end). */
const blockEnd = (text: string, pair: Pair) => lineEnd(text, isNode(pair.value) && pair.value.range ? pair.value.range[1] : (pair.key as Node).range![1]);
