/**
 * Renders the markdown of a text widget: the small subset CloudWatch dashboards use here, namely
 * headings, paragraphs, bulleted and numbered lists, `inline code`, **bold**, *italic* and
 * [links](https://…). Everything is HTML-escaped first, so markdown can't inject markup.
 *
 * @example
 * renderMarkdown('## Title\n* **bold** `code`'); // '<h2>Title</h2>\n<ul><li><strong>bold</strong> <code>code</code></li></ul>'
 */
export function renderMarkdown(markdown: string): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push(`<p>${renderInline(paragraph.join(' '))}</p>`);
    if (list !== undefined) {
      const items = list.items.map((item) => `<li>${renderInline(item)}</li>`).join('');
      blocks.push(`<${list.tag}>${items}</${list.tag}>`);
    }
    paragraph = [];
    list = undefined;
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[*+-]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (heading !== null) {
      flush();
      const level = heading[1]?.length ?? 1;
      blocks.push(`<h${level}>${renderInline(heading[2] ?? '')}</h${level}>`);
    } else if (item !== null) {
      const tag = bullet !== null ? 'ul' : 'ol';
      if (list?.tag !== tag) flush();
      list ??= { tag, items: [] };
      list.items.push(item[1] ?? '');
    } else if (line.trim() === '') {
      flush();
    } else if (list !== undefined && /^\s+/.test(line)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list !== undefined) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks.join('\n');
}

/** `inline code` first, so nothing inside it is read as emphasis or a link. */
function renderInline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : renderEmphasis(escapeHtml(part)),
    )
    .join('');
}

function renderEmphasis(html: string): string {
  return html
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(\S(?:.*?\S)?)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
