import { isDeepStrictEqual } from 'node:util';
import { type Document, isMap, isNode, isScalar, isSeq, type Node, type Pair, parseDocument } from 'yaml';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

/**
 * A file provisioning wrote before, written again with `value`, as IT left it wherever the value
 * did not change: its comments (on a device, on a key, at the end), its quoting and its flow
 * maps stay. Undefined when there is nothing to keep (no file, or not YAML a map could be read
 * from): the caller writes the file fresh. Keys keep their place in the file; new ones go last,
 * as the merged value has them; a list's maps are matched by `id` (the devices), other items by
 * place.
 */
export function rewriteYaml(previous: string | undefined, value: Plain): string | undefined {
  if (previous === undefined) return undefined;
  try {
    const doc = parseDocument(previous, { uniqueKeys: true });
    if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
    update(doc, doc.contents, value); // a map given a map is edited in place
    const text = doc.toString({ lineWidth: 0 });
    // What is written must be exactly what was validated; anything the edit could not say (an alias to a value that changed) is written fresh.
    return isDeepStrictEqual(parseDocument(text).toJS(), value) ? text : undefined;
  } catch {
    return undefined;
  }
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
