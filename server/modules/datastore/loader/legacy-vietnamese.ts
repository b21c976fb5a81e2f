// The 8-bit Vietnamese encodings older agency files still come in, beside Windows-1258:
//  - TCVN3 ("ABC", the .VnTime fonts): one byte per letter. The table is TCVN 5712:1993 (VN1)
//    for 0x80–0xFF, as glibc's iconv -f TCVN5712-1 gives it; VN3 files use its lower-case part.
//  - VNI (VNI-Windows fonts): a base letter followed by a mark byte, both read as Latin-1, e.g.
//    "Hueá" is Huế ("e" + "á" = circumflex and acute).
//  - VISCII: one byte per letter, six of them in control-code places. Table from glibc's iconv.
// None has a decoder in Node, so they are here, and `guessLegacyVietnamese` picks, between
// them and Windows-1258, the one whose reading looks most like Vietnamese.

const TCVN3_HIGH =
  '\u00c0\u1ea2\u00c3\u00c1\u1ea0\u1eb6\u1eac\u00c8\u1eba\u1ebc\u00c9\u1eb8\u1ec6\u00cc\u1ec8\u0128' +
  '\u00cd\u1eca\u00d2\u1ece\u00d5\u00d3\u1ecc\u1ed8\u1edc\u1ede\u1ee0\u1eda\u1ee2\u00d9\u1ee6\u0168' +
  '\u00a0\u0102\u00c2\u00ca\u00d4\u01a0\u01af\u0110\u0103\u00e2\u00ea\u00f4\u01a1\u01b0\u0111\u1eb0' +
  '\u0300\u0309\u0303\u0301\u0323\u00e0\u1ea3\u00e3\u00e1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4' +
  '\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\u00e8\u1ec2\u1ebb\u1ebd' +
  '\u00e9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\u00ec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\u00ed\u1ecb\u00f2' +
  '\u1ed4\u1ecf\u00f5\u00f3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\u00f9' +
  '\u1ed6\u1ee7\u0169\u00fa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\u00fd\u1ef5\u1ed0';

const VISCII_HIGH =
  '\u1ea0\u1eae\u1eb0\u1eb6\u1ea4\u1ea6\u1ea8\u1eac\u1ebc\u1eb8\u1ebe\u1ec0\u1ec2\u1ec4\u1ec6\u1ed0' +
  '\u1ed2\u1ed4\u1ed6\u1ed8\u1ee2\u1eda\u1edc\u1ede\u1eca\u1ece\u1ecc\u1ec8\u1ee6\u0168\u1ee4\u1ef2' +
  '\u00d5\u1eaf\u1eb1\u1eb7\u1ea5\u1ea7\u1ea9\u1ead\u1ebd\u1eb9\u1ebf\u1ec1\u1ec3\u1ec5\u1ec7\u1ed1' +
  '\u1ed3\u1ed5\u1ed7\u1ee0\u01a0\u1ed9\u1edd\u1edf\u1ecb\u1ef0\u1ee8\u1eea\u1eec\u01a1\u1edb\u01af' +
  '\u00c0\u00c1\u00c2\u00c3\u1ea2\u0102\u1eb3\u1eb5\u00c8\u00c9\u00ca\u1eba\u00cc\u00cd\u0128\u1ef3' +
  '\u0110\u1ee9\u00d2\u00d3\u00d4\u1ea1\u1ef7\u1eeb\u1eed\u00d9\u00da\u1ef9\u1ef5\u00dd\u1ee1\u01b0' +
  '\u00e0\u00e1\u00e2\u00e3\u1ea3\u0103\u1eef\u1eab\u00e8\u00e9\u00ea\u1ebb\u00ec\u00ed\u0129\u1ec9' +
  '\u0111\u1ef1\u00f2\u00f3\u00f4\u00f5\u1ecf\u1ecd\u1ee5\u00f9\u00fa\u0169\u1ee7\u00fd\u1ee3\u1eee';
const VISCII_LOW: Record<number, string> = { 0x02: '\u1eb2', 0x05: '\u1eb4', 0x06: '\u1eaa', 0x14: '\u1ef6', 0x19: '\u1ef8', 0x1e: '\u1ef4' };

/** A decoder with TextDecoder's shape, enough for the loaders. */
export interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** A one-byte-per-letter decoder from its table for 0x80–0xFF (and any letters below 0x20). */
function tableDecoder(high: string, low: Record<number, string> = {}): TextDecoderLike {
  return {
    decode(input) {
      if (!input) return '';
      let out = '';
      for (const b of input) out += b >= 0x80 ? high[b - 0x80] : b < 0x20 ? low[b] ?? String.fromCharCode(b) : String.fromCharCode(b);
      return out;
    },
  };
}

export const tcvn3Decoder = () => tableDecoder(TCVN3_HIGH);
export const visciiDecoder = () => tableDecoder(VISCII_HIGH, VISCII_LOW);

// VNI marks, as the combining marks they stand for (lower-case mark byte; upper-case is 0x20 less).
const TONE: Record<string, string> = { 'ù': '\u0301', 'ø': '\u0300', 'û': '\u0309', 'õ': '\u0303', 'ï': '\u0323' };
const CIRCUMFLEX: Record<string, string> = { 'â': '', 'á': '\u0301', 'à': '\u0300', 'å': '\u0309', 'ã': '\u0303', 'ä': '\u0323' };
const BREVE: Record<string, string> = { 'ê': '', 'é': '\u0301', 'è': '\u0300', 'ú': '\u0309', 'ü': '\u0303', 'ë': '\u0323' };
// Letters VNI writes as one byte.
const SINGLE: Record<string, string> = {
  'ô': 'ơ', 'ö': 'ư', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ', 'ñ': 'đ',
  'Ô': 'Ơ', 'Ö': 'Ư', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ', 'Ñ': 'Đ',
};
const TONE_BASE = /[aeouyăâêôơưAEOUYĂÂÊÔƠƯ]$/;

/** VNI text (read as Latin-1) to Unicode, in NFC. */
export function fromVni(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const last = out.slice(-1).toLowerCase();
    if (TONE[lower] !== undefined && TONE_BASE.test(out)) out += TONE[lower];
    else if (CIRCUMFLEX[lower] !== undefined && 'aeo'.includes(last) && last) out += `\u0302${CIRCUMFLEX[lower]}`;
    else if (BREVE[lower] !== undefined && last === 'a') out += `\u0306${BREVE[lower]}`;
    else out += SINGLE[ch] ?? ch;
    // Compose as we go, so a tone after a circumflex or breve sees the composed letter.
    if (out.length > 1 && /[\u0300-\u036f]$/.test(out)) out = out.slice(0, -3) + out.slice(-3).normalize('NFC');
  }
  return out.normalize('NFC');
}

export function vniDecoder(): TextDecoderLike {
  let held: Uint8Array = new Uint8Array(0);
  return {
    decode(input, options) {
      const bytes = input ?? new Uint8Array(0);
      const all = held.length ? Buffer.concat([held, bytes]) : bytes;
      held = new Uint8Array(0);
      if (!options?.stream) return fromVni(latin1(all));
      // The last word may go on in the next chunk with a mark for its last letter: keep it back
      // (from the last byte that is neither a letter nor a mark, at most a few bytes).
      let cut = all.length;
      while (cut > 0 && all.length - cut < 16) {
        const b = all[cut - 1]!;
        if (b < 0x80 && !((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) break;
        cut--;
      }
      if (all.length - cut >= 16) cut = all.length - 4;
      held = Uint8Array.from(all.subarray(cut));
      return fromVni(latin1(all.subarray(0, cut)));
    },
  };
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
// A Vietnamese syllable without its tone: an initial consonant, one to three vowels, a final.
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?$/;

/**
 * How Vietnamese a reading looks: each word with letters beyond ASCII counts for it when it is a
 * Vietnamese syllable with at most one tone, against it otherwise, as does every other character
 * beyond ASCII (a misread file is full of both).
 */
function vietnameseScore(text: string): number {
  let score = 0;
  for (const word of text.normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u)) {
    if (!/[^\x00-\x7f]/.test(word)) continue;
    const marks = word.normalize('NFD');
    const tones = marks.match(TONES)?.length ?? 0;
    const bare = marks.replace(TONES, '').normalize('NFC').toLowerCase();
    score += tones <= 1 && SYLLABLE.test(bare) ? 1 : -1;
  }
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80 && !/[\p{L}\p{M}]/u.test(ch)) score--;
  return score;
}

export type LegacyVietnamese = 'windows-1258' | 'tcvn3' | 'vni' | 'viscii';

/** Which 8-bit Vietnamese encoding a file that is not UTF-8 is in; Windows-1258 when unsure. */
export function guessLegacyVietnamese(head: Uint8Array): LegacyVietnamese {
  const sample = head.subarray(0, 64 * 1024);
  const readings: [LegacyVietnamese, string][] = [
    ['windows-1258', new TextDecoder('windows-1258').decode(sample)],
    ['tcvn3', tcvn3Decoder().decode(sample)],
    ['vni', fromVni(latin1(sample))],
    ['viscii', visciiDecoder().decode(sample)],
  ];
  let best = readings[0]!;
  let bestScore = vietnameseScore(best[1]);
  for (const reading of readings.slice(1)) {
    const score = vietnameseScore(reading[1]);
    if (score > bestScore) { best = reading; bestScore = score; }
  }
  return best[0];
}
