// Test files as Vietnamese Windows exports them: Windows-1258 has no encoder in Node, so text is
// encoded with the decoder's own table.
/** Bytes of text in Windows-1258, built from the decoder's own table (tones as combining marks). */
export function windows1258(text: string): Buffer {
  const table = new Map<string, number>();
  const decoder = new TextDecoder('windows-1258');
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\ufffd' && !table.has(ch)) table.set(ch, b);
  }
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (table.has(ch)) { out.push(table.get(ch)!); continue; }
    // A precomposed letter plus one combining tone mark, e.g. ệ = ê + dot below.
    const parts = [...ch.normalize('NFD')];
    let done = false;
    for (let m = 1; m < parts.length && !done; m++) {
      const base = parts.filter((_, i) => i !== m).join('').normalize('NFC');
      if (table.has(base) && table.has(parts[m]!)) {
        out.push(table.get(base)!, table.get(parts[m]!)!);
        done = true;
      }
    }
    if (!done) throw new Error(`cannot encode ${ch} in Windows-1258`);
  }
  return Buffer.from(out);
}
