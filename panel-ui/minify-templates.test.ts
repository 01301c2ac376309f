/**
 * The build's template minifier: what it takes out of Lit's `css` and `html` templates, and
 * what it must leave (strings, the spaces next to an expression, text between inline elements).
 */
import { expect, it } from 'vitest';
import { minifyTemplates } from './minify-templates.js';

const minified = (code: string) => minifyTemplates(code, 'element.ts')?.toString() ?? code;

it('takes comments and white space out of CSS, a quote in a comment included', () => {
  const code = [
    'const styles = css`',
    '  :host {',
    '    display: grid;',
    '    gap: 0.5em;',
    '  }',
    `  /* As wide as its name ("Messages" would spill out), a button's floor. */`,
    '  .tabs > button {',
    '    flex: 1 1 auto !important;',
    '    width: calc(100% - 10.5px);',
    '  }',
    '`;',
  ].join('\n');
  expect(minified(code)).toBe('const styles = css`:host{display:grid;gap:.5em}.tabs>button{flex:1 1 auto!important;width:calc(100% - 10.5px)}`;');
});

it('leaves CSS strings as written', () => {
  const code = 'css`.a { content: \'  a, b ; { }  \'; grid-template-areas: "x  y"; }`';
  expect(minified(code)).toBe('css`.a{content:\'  a, b ; { }  \';grid-template-areas:"x  y"}`');
});

it('keeps the space that separates a CSS value from an expression', () => {
  const code = 'css`\n  ${shared}\n  .grid {\n    grid-template-columns: minmax(0, ${left}) ${right};\n  }\n  @media ${tooShort} {\n    .a { gap: 0; }\n  }\n`';
  expect(minified(code)).toBe('css`${shared} .grid{grid-template-columns:minmax(0,${left}) ${right}}@media ${tooShort}{.a{gap:0}}`');
});

it('makes each run of HTML white space that spans lines one space, and no other', () => {
  const code = [
    'html`',
    '  <div class="call"',
    '    data-state=${state}>',
    '    <span>a</span>',
    '    <span>b</span>  <b>c</b>',
    '    ${label}',
    '  </div>',
    '`',
  ].join('\n');
  expect(minified(code)).toBe('html` <div class="call" data-state=${state}> <span>a</span> <span>b</span>  <b>c</b> ${label} </div> `');
});

it('leaves alone other tags, untagged templates, expressions and a part with a line continuation', () => {
  const code = [
    'const plain = `\n  a {  b }\n`;',
    'const other = sql`\n  SELECT  1\n`;',
    'const nested = html`<p>${items.map((i) => `\n  ${i}\n`)}</p>`;',
    'const continued = css`.a {\\\n  gap: 0;\n}`;',
  ].join('\n');
  expect(minified(code)).toBe(code);
});
