// Vietnamese-aware folding for search: lower-case, strip diacritics (including đ → d), so that
// "Hue", "hue" and "Huế" meet in the index.
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}
