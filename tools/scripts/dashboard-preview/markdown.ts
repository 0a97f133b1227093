import { Marked } from 'marked';

// marked keeps raw HTML by design; a text widget's markdown must not carry markup into the page.
const markdown = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link({ href, tokens }) {
      const text = this.parser.parseInline(tokens);
      return /^https?:\/\//i.test(href) ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
    },
  },
});

/**
 * Renders the markdown of a text widget with marked (GitHub-flavoured, as CloudWatch's text
 * widgets read it). Raw HTML is shown as text and only `http(s)` links become links.
 *
 * @example
 * renderMarkdown('## Title\n* **bold** `code`'); // '<h2>Title</h2>\n<ul>\n<li><strong>bold</strong> <code>code</code></li>\n</ul>\n'
 */
export function renderMarkdown(text: string): string {
  return markdown.parse(text, { async: false });
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
