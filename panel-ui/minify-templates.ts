import MagicString from 'magic-string';
import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * Lit's `css` and `html` templates reach the build as written: every line's indentation and
 * every comment is shipped to the panel and gzipped with it (about a tenth of the panel's
 * JavaScript). This build step takes out what cannot change what the browser shows:
 * - CSS: comments, and white space except one space where the grammar may need it (between
 *   words, in selectors, `calc(1px + 2px)`); quoted strings are left as written.
 * - HTML: a run of white space that spans lines becomes one space. One space is what the
 *   browser makes of such a run in any element the panel has (none keeps white space as
 *   written: no `pre`, no `white-space: pre*`, every `textarea` empty), so text and the gaps
 *   between inline elements stay as they were.
 * Only the template's literal characters change; `${…}` expressions and escapes are untouched.
 */

const CSS_TAGS = new Set(['css']);
const HTML_TAGS = new Set(['html', 'svg']);

/** The parts of a template between its expressions, with their offsets in the source. */
interface TemplatePart {
  start: number;
  end: number;
  /** Whether an expression comes before / after this part (a space at the edge may belong to the value). */
  afterExpression: boolean;
  beforeExpression: boolean;
}

function templateParts(template: ts.TemplateLiteral, source: ts.SourceFile): TemplatePart[] {
  // The literal text of a part sits between its opening (` or }) and its closing (` or ${).
  const part = (node: ts.Node, afterExpression: boolean, beforeExpression: boolean): TemplatePart => ({
    start: node.getStart(source) + 1,
    end: node.end - (beforeExpression ? 2 : 1),
    afterExpression,
    beforeExpression,
  });
  if (ts.isNoSubstitutionTemplateLiteral(template)) return [part(template, false, false)];
  const spans = template.templateSpans;
  return [part(template.head, false, true), ...spans.map((span, i) => part(span.literal, true, i < spans.length - 1))];
}

/** CSS without comments or white space the grammar does not need; strings kept as written. */
export function minifyCssText(text: string, part: Pick<TemplatePart, 'afterExpression' | 'beforeExpression'>): string {
  // Comments and strings in one pass, so that a quote in a comment ("a button's") opens no
  // string and nothing in a string is taken for a comment; then white space, outside strings.
  const withoutComments = text.replace(CSS_COMMENT_OR_STRING, (piece) => (piece.startsWith('/*') ? ' ' : piece));
  let css = withoutComments
    .split(CSS_STRING)
    .map((piece, i) => (i % 2 === 1 ? piece : minifyCssCode(piece)))
    .join('');
  // At an expression's edge, the space may separate the value from the expression's.
  if (!part.afterExpression) css = css.replace(/^ /, '');
  if (!part.beforeExpression) css = css.replace(/ $/, '');
  return css;
}

const CSS_STRING = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/;
const CSS_COMMENT_OR_STRING = /\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;

/** CSS outside strings: one space where several were, none around what separates on its own. */
function minifyCssCode(code: string): string {
  return (
    code
      .replace(/\s+/g, ' ')
      // `>` is a child combinator or a comparison in a media query: neither needs its spaces.
      .replace(/ ?([{};>]) ?/g, '$1')
      .replace(/([,:]) /g, '$1')
      .replace(/ !important/g, '!important')
      .replace(/;}/g, '}')
      // 0.5em is .5em: after a separator only, never inside a name or a number (10.5).
      .replace(/(^|[ :,(/*+>])0\.(\d)/g, '$1.$2')
  );
}

/** HTML with each run of white space that spans lines made one space. */
export function minifyHtmlText(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, ' ');
}

/** The source with its Lit templates minified, or undefined when it has none. */
export function minifyTemplates(code: string, fileName: string): MagicString | undefined {
  if (!/\b(?:css|html|svg)`/.test(code)) return undefined;
  // No parent links: getStart is told the source file, and nothing else walks upwards.
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const magic = new MagicString(code);
  let changed = false;
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const tag = node.tag.text;
      const kind = CSS_TAGS.has(tag) ? 'css' : HTML_TAGS.has(tag) ? 'html' : undefined;
      if (kind) {
        for (const part of templateParts(node.template, source)) {
          const text = code.slice(part.start, part.end);
          // A backslash before white space is a line continuation or an escape: leave such a part alone.
          if (/\\\s/.test(text)) continue;
          const minified = kind === 'css' ? minifyCssText(text, part) : minifyHtmlText(text);
          if (minified === text) continue;
          if (minified.length === 0) magic.remove(part.start, part.end);
          else magic.overwrite(part.start, part.end, minified);
          changed = true;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return changed ? magic : undefined;
}

/** The build step: the pages' own TypeScript, before it is compiled (its templates are still as written). */
export const minifyLitTemplates: Plugin = {
  name: 'roomctl-minify-lit-templates',
  enforce: 'pre',
  apply: 'build',
  transform: {
    // Said to the bundler, so that it does not call this for Lit's own modules and the rest.
    filter: { id: /\/panel-ui\/src\/[^?]*\.ts$/, code: /\b(?:css|html|svg)`/ },
    handler(code, id) {
      const magic = minifyTemplates(code, id);
      return magic ? { code: magic.toString(), map: magic.generateMap({ hires: true, source: id }) } : null;
    },
  },
};
