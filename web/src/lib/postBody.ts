/**
 * Post bodies are HTML (the server sanitizes them). Plain text is welcome too: with no tag in
 * it, blank lines become paragraphs and single line breaks <br>.
 */

const HAS_TAG = /<\/?[a-z][a-z0-9]*(\s[^>]*)?>/i;

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function bodyHtml(body: string): string {
  const text = body.trim();
  if (!text || HAS_TAG.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
}

export type Edit = { value: string; selectionStart: number; selectionEnd: number };

/** Wraps the selection (or a placeholder) in `before`/`after`, keeping the inner text selected. */
export function wrapSelection(e: Edit, before: string, after: string, placeholder: string): Edit {
  const picked = e.value.slice(e.selectionStart, e.selectionEnd) || placeholder;
  const value = e.value.slice(0, e.selectionStart) + before + picked + after + e.value.slice(e.selectionEnd);
  const start = e.selectionStart + before.length;
  return { value, selectionStart: start, selectionEnd: start + picked.length };
}

/** Turns the selected lines (or a placeholder item) into a list. */
export function listSelection(e: Edit, tag: 'ul' | 'ol'): Edit {
  const picked = e.value.slice(e.selectionStart, e.selectionEnd);
  const lines = (picked || 'First item').split('\n').filter((l) => l.trim());
  const inner = lines.map((l) => `  <li>${l.trim()}</li>`).join('\n');
  const block = `<${tag}>\n${inner}\n</${tag}>`;
  const value = e.value.slice(0, e.selectionStart) + block + e.value.slice(e.selectionEnd);
  return { value, selectionStart: e.selectionStart, selectionEnd: e.selectionStart + block.length };
}

/** A page around the body for the sandboxed preview frame (no scripts run there). */
export const previewDocument = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;padding:12px 16px;font:15px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}img{max-width:100%;height:auto}a{color:#0a58ca}blockquote{border-left:3px solid #d0d7de;margin:0;padding-left:12px;color:#57606a}</style></head><body>${bodyHtml(body) || '<p style="color:#868e96">Nothing written yet.</p>'}</body></html>`;
