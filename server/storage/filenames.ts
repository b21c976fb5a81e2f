// The names files are offered under. A name comes from whoever uploaded the file or named the
// resource, and a browser shows it in its save dialog and the saved file keeps it: a right-to-left
// override turns "báo-cáo‮fdp.exe" into what reads as "báo-cáoexe.pdf".

// Bidi embeddings, overrides and isolates, the implicit marks, the Arabic letter mark; then
// C0/C1 controls (\p{Cc}) and the line and paragraph separators, which end a line in a dialog.
const UNSAFE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\p{Cc}\u2028\u2029]/gu;
// Half of a surrogate pair is no character; encodeURIComponent throws on one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A name safe to offer: NFC (Vietnamese letters as one code point each), no bidi or control characters. */
export function safeFilename(name: string): string {
  return name.replace(LONE_SURROGATE, '').normalize('NFC').replace(UNSAFE, '').trim();
}

// RFC 8187's attr-char leaves out ' ( ) *, which encodeURIComponent keeps: a "'" would end the
// charset'language' part of filename* early.
const encodeRfc8187 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * An attachment header: `filename` for old clients (printable ASCII only, from `fallback`),
 * `filename*` with the full name in UTF-8.
 */
export function contentDisposition(filename: string, fallback: string): string {
  const ascii = safeFilename(fallback).replace(/[^\x20-\x7E]|["\\]/g, '') || 'download';
  const full = safeFilename(filename) || ascii;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(full)}`;
}
