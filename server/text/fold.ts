// Vietnamese-aware folding for search: lower-case, strip diacritics (including đ → d), so that
// "Hue", "hue" and "Huế" meet in the index. Folding runs over every word of every dataset when
// the index is built, so characters are folded one at a time through a memo rather than
// normalizing whole strings; combining marks fold to nothing, so decomposed text folds the same.
const memo = new Map<string, string>();

function foldChar(ch: string): string {
  let out = memo.get(ch);
  if (out === undefined) {
    out = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().normalize('NFC');
    if (memo.size < 100_000) memo.set(ch, out);
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) out += ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : foldChar(ch);
  return out;
}
