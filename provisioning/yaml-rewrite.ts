import { isDeepStrictEqual } from 'node:util';
import { type Document, isMap, isNode, isScalar, isSeq, Lexer, type Node, type Pair, parseDocument } from 'yaml';
import type { ErrorCode } from '../drivers/core/errors.js';
import { inLineEnding, lineEndingOf, spliceYaml } from './yaml-splice.js';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

/** Why a file provisioning wrote before could not be edited in place, so it was written fresh. */
export interface FreshWrite {
  code: Extract<ErrorCode, 'ROOMCTL_E_KEPT_FILE_UNREADABLE' | 'ROOMCTL_E_KEPT_FILE_NOT_EDITABLE'>;
  /** What the file as left is or has that stopped the edit ("is not YAML provisioning can read (…)"). */
  why: string;
  /** IT's comments the fresh file does not carry (provisioning's own header, written again, not counted). */
  comments: number;
}

/** The file's new text when it could be edited in place; otherwise why not (nothing when there was no file). */
type YamlRewrite = { text: string; fresh?: undefined } | { text?: undefined; fresh?: FreshWrite };

/**
 * A file provisioning wrote before, written again with `value`, as IT left it wherever the value
 * did not change. First by changing only the lines whose content changed (every other byte kept:
 * a rerun that changes nothing writes the same bytes); where that cannot say the change (devices
 * in a new order), by editing the parsed document, which keeps every comment, the quoting and
 * flow maps but lays out spacing its own way. Keys keep their place in the file; new ones go
 * last, as the merged value has them; a list's maps are matched by `id` (the devices), other
 * items by place. When neither can (not YAML, or an alias to a value that changed), the caller
 * writes the file fresh: `fresh` says why and how many of IT's comments that drops, to be said.
 */
export function rewriteYaml(previous: string | undefined, value: Plain, freshText?: string): YamlRewrite {
  if (previous === undefined) return {};
  const fresh = (code: FreshWrite['code'], why: string): YamlRewrite => ({ fresh: { code, why, comments: commentsDropped(previous, freshText ?? '') } });
  let doc: Document;
  try {
    doc = parseDocument(previous, { uniqueKeys: true });
  } catch (err) {
    return fresh('ROOMCTL_E_KEPT_FILE_UNREADABLE', `is not YAML provisioning can read (${(err as Error).message})`);
  }
  const [error] = doc.errors;
  if (error) return fresh('ROOMCTL_E_KEPT_FILE_UNREADABLE', `is not YAML provisioning can read (${error.message.split('\n')[0]?.replace(/:$/, '')})`);
  if (!isMap(doc.contents)) return fresh('ROOMCTL_E_KEPT_FILE_UNREADABLE', 'has no map of keys at its top level');
  // What is written must be exactly what was validated; anything an edit could not say is tried the next way.
  const says = (text: string | undefined): text is string => {
    if (text === undefined) return false;
    try {
      const written = parseDocument(text);
      return written.errors.length === 0 && isDeepStrictEqual(written.toJS(), value);
    } catch {
      return false; // an alias left without its anchor
    }
  };
  const spliced = spliceYaml(doc, previous, value);
  if (says(spliced)) return { text: spliced };
  try {
    update(doc, doc.contents, value); // a map given a map is edited in place
    const text = inLineEnding(doc.toString({ lineWidth: 0 }), lineEndingOf(previous));
    if (says(text)) return { text };
  } catch {
    // below: written fresh
  }
  return fresh('ROOMCTL_E_KEPT_FILE_NOT_EDITABLE', 'has an alias (*name) standing for a value this run changes');
}

/** IT's comments in `previous` that `written` does not have, counted one by one. */
function commentsDropped(previous: string, written: string): number {
  const comments = (text: string) => [...new Lexer().lex(text)].filter((t) => t.startsWith('#')).map((t) => t.trim());
  const left = comments(written);
  return comments(previous).filter((c) => {
    const i = left.indexOf(c);
    if (i !== -1) left.splice(i, 1);
    return i === -1;
  }).length;
}

/** `node` made to say `value`, reusing it (and every comment on it or below it) wherever it can. */
function update(doc: Document, node: unknown, value: unknown): Node {
  if (isNode(node) && isDeepStrictEqual(node.toJS(doc), value)) return node;
  if (isMap(node) && isPlain(value)) {
    node.items = node.items.filter((pair) => keyOf(pair) in value);
    for (const [key, v] of Object.entries(value)) {
      const pair = node.items.find((p) => keyOf(p) === key);
      if (pair) pair.value = update(doc, pair.value, v);
      else node.items.push(doc.createPair(key, v) as Pair);
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    const before = [...node.items];
    node.items = value.map((v, i) => {
      const same = isPlain(v) && 'id' in v ? before.find((item) => isMap(item) && item.get('id') === v.id) : before[i];
      return same === undefined ? doc.createNode(v) : update(doc, same, v);
    });
    // The parser gives a comment above the first item to the list: it goes with that item when another comes first.
    const first = before[0];
    if (node.commentBefore && isNode(first) && node.items[0] !== first) {
      first.commentBefore = [node.commentBefore, first.commentBefore].filter(Boolean).join('\n');
      node.commentBefore = undefined;
    }
    return node;
  }
  if (isScalar(node) && !isPlain(value) && !Array.isArray(value)) {
    node.value = value;
    return node;
  }
  // A different shape (a list where a map was): a new node, with the old one's comments.
  const created = doc.createNode(value);
  if (isNode(node)) Object.assign(created, { commentBefore: node.commentBefore, comment: node.comment });
  return created;
}
