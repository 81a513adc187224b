/** The plain HTML pages the API serves to customers (unsubscribe, survey answers): no JavaScript. */

/** Their Content-Type. */
export const HTML = 'text/html; charset=utf-8';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page: the title as heading, `body` (HTML, already escaped), the store's name below. */
export function htmlPage(title: string, body: string, store: string, lang = 'en'): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
<h1>${escapeHtml(title)}</h1>${body}<p style="color:#666">${escapeHtml(store)}</p></body></html>`;
}
