const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for an XML element or attribute. Values come from requests (keys, role ARNs,
 * session names), so nothing reaches the XML unescaped.
 *
 * @example
 * escapeXml('a<b') // 'a&lt;b'
 */
export const escapeXml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);

/**
 * One element whose children are already XML; pass text through {@link escapeXml} first.
 *
 * @example
 * xmlElement('Code', escapeXml('NoSuchKey')) // '<Code>NoSuchKey</Code>'
 */
export const xmlElement = (name: string, children: string): string =>
  `<${name}>${children}</${name}>`;

/** The XML declaration AWS puts before every XML response. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
