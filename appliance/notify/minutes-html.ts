/**
 * The HTML alternative of an email: the room's plain text (its own small Markdown: `#`
 * headings, `- ` bullets, `- [ ]` boxes, `1.` items) drawn as HTML. Written here rather
 * than with a Markdown library because the text carries what people typed, and a general
 * Markdown renderer passes raw HTML through: here every character of it is escaped first,
 * and only the room's own line shapes become tags.
 */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const inline = (text: string) =>
  escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

export function plainTextToHtml(title: string, text: string, lang: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of text.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(?:\[( |x|X)\]\s+)?(.*)$/.exec(line);
    const numbered = /^\s*(\d+)\.\s+(.*)$/.exec(line);
    if (heading) {
      closeList();
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
    } else if (bullet) {
      if (list !== 'ul') closeList(), out.push('<ul>'), (list = 'ul');
      const box = bullet[1] === undefined ? '' : bullet[1] === ' ' ? '☐ ' : '☑ ';
      out.push(`<li>${box}${inline(bullet[2]!)}</li>`);
    } else if (numbered) {
      if (list !== 'ol') closeList(), out.push('<ol>'), (list = 'ol');
      out.push(`<li value="${numbered[1]}">${inline(numbered[2]!)}</li>`);
    } else {
      closeList();
      if (line.trim()) out.push(`<p>${inline(line)}</p>`);
    }
  }
  closeList();
  // The viewport line: a phone's mail app (and a browser) otherwise lays the mail out 980 px wide and
  // shrinks it to fit, its words a third of their size. A long link (a personal one is ~190
  // characters) breaks where it must rather than widen the page.
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;overflow-wrap:anywhere">\n${out.join('\n')}\n</body></html>\n`;
}
