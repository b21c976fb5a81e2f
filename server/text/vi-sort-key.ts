// A sort key that orders Vietnamese text as a Vietnamese dictionary does, compared byte-wise
// (COLLATE "C"), so the order is the same on PGlite (no ICU) and on any Postgres server:
// letters a ă â b c d đ e ê … first, then tones (ngang, huyền, hỏi, ngã, sắc, nặng), then case.

const ALPHABET = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z'];
const LETTER_RANK = new Map(ALPHABET.map((l, i) => [l, i]));
// Combining tone marks in dictionary order: huyền, hỏi, ngã, sắc, nặng.
const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const MODIFIERS = /[\u0306\u0302\u031B]/; // breve, circumflex, horn: part of the letter

type Letter = { base: string; tone: number; upper: boolean };
const letterMemo = new Map<string, Letter>();

function letterOf(ch: string): Letter {
  const known = letterMemo.get(ch);
  if (known) return known;
  const lower = ch.toLowerCase();
  let tone = 0;
  let base = '';
  for (const p of lower.normalize('NFD')) {
    const t = TONES.indexOf(p);
    if (t >= 0) tone = t + 1;
    else if (MODIFIERS.test(p) || base === '') base += p;
  }
  const letter = { base: base.normalize('NFC'), tone, upper: lower !== ch };
  if (letterMemo.size < 100_000) letterMemo.set(ch, letter);
  return letter;
}

function letters(text: string): Letter[] {
  return [...text.normalize('NFC')].map(letterOf);
}

export function viSortKey(text: string): string {
  const ls = letters(text.trim());
  let primary = '';
  let tones = '';
  let cases = '';
  for (const { base, tone, upper } of ls) {
    const rank = LETTER_RANK.get(base);
    if (rank !== undefined) primary += String.fromCharCode(0x41 + rank);
    else if (/\p{N}/u.test(base)) primary += String.fromCharCode(0x30 + (Number(base) || 0));
    else if (/\s/.test(base)) primary += ' ';
    else if (/[\p{P}\p{S}]/u.test(base)) continue; // punctuation does not order words
    else primary += base; // other scripts after the Latin letters, by code point
    tones += String(tone);
    cases += upper ? '1' : '0';
  }
  return `${primary}\u0001${tones}\u0001${cases}`;
}
