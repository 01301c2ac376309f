import { isMap, LineCounter, parseDocument, type YAMLError } from 'yaml';

/** Where a YAML file stops being readable, as a person mends it: the spot, what is wrong there, and the line with a caret under it. */
interface YamlFault {
  line?: number;
  column?: number;
  what: string;
  /** The parser's excerpt (the line and a caret under the spot), each line indented for a terminal; empty when it gave none. */
  excerpt: string;
}

/** The parser's error in those words: its first line without the position (said on its own), and the lines it quotes. */
export function yamlFaultOf(error: YAMLError): YamlFault {
  const [first = '', ...context] = error.message.split('\n');
  const at = error.linePos?.[0];
  return {
    ...(at ? { line: at.line, column: at.col } : {}),
    what: first.replace(/ at line \d+, column \d+:?$/, ''),
    excerpt: context
      .filter((l) => l.trim() !== '')
      .map((l) => `\n    ${l}`)
      .join(''),
  };
}

/** " at line 3, column 1", or nothing when the parser could not say where. */
export const faultPlace = (fault: YamlFault): string => (fault.line ? ` at line ${fault.line}, column ${fault.column}` : '');

/**
 * Why a file provisioning wrote before cannot be read back as a map of keys (the only shape a
 * room config or its secrets has), parsed as the rewrite parses it; nothing when it can, or
 * when it holds nothing at all (a blank file has no hand edits to lose).
 */
export function keptFileFault(text: string): YamlFault | undefined {
  if (text.trim() === '') return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  const [error] = doc.errors;
  if (error) return yamlFaultOf(error);
  if (isMap(doc.contents)) return undefined;
  const at = doc.contents ? lines.linePos(doc.contents.range[0]) : undefined;
  return { ...(at ? { line: at.line, column: at.col } : {}), what: 'the file is not a map of keys (`key: value` lines) at its top level', excerpt: '' };
}
