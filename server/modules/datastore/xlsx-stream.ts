// A one-sheet XLSX written as a stream, so memory stays flat whatever the row count: cells are
// inline strings and numbers (no shared-string table to hold), the sheet XML is deflated as it
// is produced, and the zip's sizes and checksums go in data descriptors and the directory at
// the end. Text cells a spreadsheet would run as formulas are neutralised.
import { createDeflateRaw, crc32 } from 'node:zlib';
import { neutralise } from './delimited.js';

interface Entry { name: Buffer; crc: number; compressed: number; size: number; offset: number }

const XML_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const esc = (s: string) => s.replace(XML_BAD, '').replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

function columnName(i: number): string {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Days since 1899-12-30 (Excel's serial date) for an ISO date or timestamp; null if not one. */
function excelDate(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?)?$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.round(Number(m[7] ?? 0) * 1000));
  return ms / 86400000 + 25569;
}

export type XlsxCellKind = 'number' | 'date' | 'timestamp' | 'text';

function cellXml(ref: string, value: unknown, kind: XlsxCellKind): string {
  if (value === null || value === undefined || value === '') return '';
  if (kind === 'number' && typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  if ((kind === 'date' || kind === 'timestamp') && typeof value === 'string') {
    const serial = excelDate(value);
    if (serial !== null) return `<c r="${ref}" s="${kind === 'date' ? 1 : 2}"><v>${serial}</v></c>`;
  }
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = typeof value === 'object' ? JSON.stringify(value) : neutralise(String(value));
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

const STATIC: [string, string][] = [
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'],
  ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
  ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'],
  ['xl/styles.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'],
];

/**
 * The workbook as byte chunks. `rows` yields arrays of JSON values in `kinds` order; the first
 * row written is the header.
 */
export async function* xlsxChunks(sheetName: string, header: string[], kinds: XlsxCellKind[], rows: AsyncIterable<unknown[][]>): AsyncGenerator<Buffer> {
  const entries: Entry[] = [];
  let offset = 0;
  const localHeader = (name: Buffer) => {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(name.length, 26);
    return h;
  };
  async function* entry(name: string, body: AsyncIterable<string>): AsyncGenerator<Buffer> {
    const nameBuf = Buffer.from(name);
    const start = offset;
    const head = localHeader(nameBuf);
    offset += head.length + nameBuf.length;
    yield Buffer.concat([head, nameBuf]);
    const deflate = createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const out: Buffer[] = [];
    deflate.on('data', (b: Buffer) => out.push(b));
    for await (const text of body) {
      const bytes = Buffer.from(text);
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await new Promise((r) => deflate.once('drain', r));
      while (out.length) { const b = out.shift()!; compressed += b.length; offset += b.length; yield b; }
    }
    const ended = new Promise<void>((resolve, reject) => { deflate.once('end', () => resolve()); deflate.once('error', reject); });
    deflate.end();
    await ended;
    while (out.length) { const b = out.shift()!; compressed += b.length; offset += b.length; yield b; }
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    desc.writeUInt32LE(compressed, 8);
    desc.writeUInt32LE(size, 12);
    offset += desc.length;
    yield desc;
    if (size > 0xfffffffe || offset > 0xfffffffe) throw new Error('The sheet is too large for an XLSX without ZIP64');
    entries.push({ name: nameBuf, crc: crc >>> 0, compressed, size, offset: start });
  }
  async function* once(text: string) { yield text; }
  for (const [name, body] of STATIC) yield* entry(name, once(body));
  yield* entry('xl/workbook.xml', once(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${esc(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '))}" sheetId="1" r:id="rId1"/></sheets></workbook>`));
  const cols = header.map((_, i) => columnName(i));
  async function* sheet(): AsyncGenerator<string> {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    yield `<row r="1">${header.map((h, i) => cellXml(`${cols[i]}1`, h, 'text')).join('')}</row>`;
    let r = 1;
    for await (const batch of rows) {
      let xml = '';
      for (const row of batch) {
        r++;
        xml += `<row r="${r}">${row.map((v, i) => cellXml(`${cols[i]}${r}`, v, kinds[i] ?? 'text')).join('')}</row>`;
      }
      yield xml;
    }
    yield '</sheetData></worksheet>';
  }
  yield* entry('xl/worksheets/sheet1.xml', sheet());
  const dirStart = offset;
  const dir: Buffer[] = [];
  for (const e of entries) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x0808, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt32LE(e.offset, 42);
    dir.push(h, e.name);
  }
  const dirBuf = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(dirStart, 16);
  yield Buffer.concat([dirBuf, end]);
}
