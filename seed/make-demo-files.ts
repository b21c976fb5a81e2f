// Writes the demo catalog's data files into seed/demo/files/: the CSV files and the XLSX files
// that seed/demo/catalog.json points at. Everything is deterministic (a seeded generator, fixed
// dates), so running it again reproduces the same bytes.
//
//   node --import tsx seed/make-demo-files.ts
//
// The figures are illustrative demo data shaped like a province's published statistics; they are
// not official numbers.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import Papa from 'papaparse';

const OUT = fileURLToPath(new URL('./demo/files/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Helpers

/** mulberry32: a small seeded PRNG, so "random" figures are the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    /** multiplicative noise around 1, ±spread */
    jitter: (spread: number) => 1 + (next() * 2 - 1) * spread,
  };
}

const round = (x: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const roundTo = (x: number, step: number) => Math.round(x / step) * step;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** A date at UTC midnight; the XLSX writer is told to read it in UTC, so files do not depend on TZ. */
const utcDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

type Cell = string | number | Date | null;

function writeCsv(filename: string, header: string[], rows: Cell[][], opts: { bom?: boolean } = {}) {
  for (const r of rows) if (r.length !== header.length) throw new Error(`${filename}: row of ${r.length} cells, header has ${header.length}`);
  const text = Papa.unparse({ fields: header, data: rows as unknown[][] }, { newline: '\n' });
  fs.writeFileSync(OUT + filename, (opts.bom ? '\uFEFF' : '') + text + '\n', 'utf8');
  console.log(`${filename}: ${rows.length} rows${opts.bom ? ' (UTF-8 BOM)' : ''}`);
}

interface SheetSpec {
  name: string;
  /** lines above the table (title, unit, source), as statistical yearbooks print them */
  title?: string[];
  header: string[];
  rows: Cell[][];
  /** number format by column index, e.g. '#,##0' */
  formats?: Record<number, string>;
  widths?: number[];
  notes?: string[];
}

function writeXlsx(filename: string, sheets: SheetSpec[]) {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const top: Cell[][] = s.title ? [...s.title.map((t) => [t]), []] : [];
    const aoa: Cell[][] = [...top, s.header, ...s.rows, ...(s.notes ? [[], ...s.notes.map((n) => [n])] : [])];
    const ws = XLSX.utils.aoa_to_sheet(aoa, { UTC: true, dateNF: 'dd/mm/yyyy' });
    const first = top.length + 1;
    for (let r = 0; r < s.rows.length; r++) {
      for (const [col, fmt] of Object.entries(s.formats ?? {})) {
        const cell = ws[XLSX.utils.encode_cell({ r: first + r, c: Number(col) })];
        if (cell && cell.t === 'n') cell.z = fmt;
      }
    }
    ws['!cols'] = s.header.map((h, i) => ({ wch: s.widths?.[i] ?? Math.max(10, Math.min(40, h.length + 2)) }));
    if (s.rows.length) ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: top.length, c: 0 }, e: { r: top.length + s.rows.length, c: s.header.length - 1 } }) };
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  const buf: Buffer = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' });
  fs.writeFileSync(OUT + filename, buf);
  console.log(`${filename}: ${sheets.map((s) => `${s.name} (${s.rows.length} rows)`).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Shared reference data: the province's nine district-level units and some of their communes.

const HUE = 'Thành phố Huế';
const HTHUY = 'Thị xã Hương Thủy';
const HTRA = 'Thị xã Hương Trà';
const PDIEN = 'Huyện Phong Điền';
const QDIEN = 'Huyện Quảng Điền';
const PVANG = 'Huyện Phú Vang';
const PLOC = 'Huyện Phú Lộc';
const ALUOI = 'Huyện A Lưới';
const NDONG = 'Huyện Nam Đông';
const DISTRICTS = [HUE, HTHUY, HTRA, PDIEN, QDIEN, PVANG, PLOC, ALUOI, NDONG] as const;

/** [unit name with its kind ("phường X", "xã Y", "thị trấn Z")] per district */
const COMMUNES: Record<string, string[]> = {
  [HUE]: ['phường Phú Hội', 'phường Phú Nhuận', 'phường Vĩnh Ninh', 'phường Phước Vĩnh', 'phường Trường An', 'phường An Cựu',
    'phường An Đông', 'phường An Tây', 'phường Xuân Phú', 'phường Vỹ Dạ', 'phường Thủy Xuân', 'phường Thủy Biều',
    'phường Kim Long', 'phường Hương Long', 'phường Phú Hậu', 'phường Gia Hội', 'phường Đông Ba', 'phường Thuận Hòa',
    'phường Thuận Lộc', 'phường Tây Lộc', 'phường Phú Thượng', 'phường Thủy Vân', 'phường Hương Sơ', 'phường An Hòa',
    'phường Hương Vinh', 'phường Thuận An', 'phường Hương An', 'phường Hương Hồ', 'xã Phú Mậu', 'xã Hải Dương'],
  [HTHUY]: ['phường Phú Bài', 'phường Thủy Dương', 'phường Thủy Phương', 'phường Thủy Châu', 'phường Thủy Lương',
    'xã Thủy Tân', 'xã Thủy Phù', 'xã Dương Hòa', 'xã Phú Sơn', 'xã Thủy Thanh'],
  [HTRA]: ['phường Tứ Hạ', 'phường Hương Văn', 'phường Hương Vân', 'phường Hương Xuân', 'phường Hương Chữ',
    'xã Hương Toàn', 'xã Bình Tiến', 'xã Bình Thành', 'xã Hương Bình', 'xã Bình Điền'],
  [PDIEN]: ['thị trấn Phong Điền', 'xã Phong An', 'xã Phong Hiền', 'xã Phong Thu', 'xã Phong Mỹ', 'xã Phong Xuân',
    'xã Phong Sơn', 'xã Phong Hòa', 'xã Phong Bình', 'xã Phong Chương', 'xã Điền Hương', 'xã Điền Hòa', 'xã Điền Hải',
    'xã Điền Lộc', 'xã Phong Hải'],
  [QDIEN]: ['thị trấn Sịa', 'xã Quảng Phú', 'xã Quảng Thành', 'xã Quảng An', 'xã Quảng Thọ', 'xã Quảng Vinh',
    'xã Quảng Phước', 'xã Quảng Lợi', 'xã Quảng Thái', 'xã Quảng Công', 'xã Quảng Ngạn'],
  [PVANG]: ['thị trấn Phú Đa', 'xã Vinh Thanh', 'xã Vinh An', 'xã Phú Diên', 'xã Phú Hải', 'xã Phú Thuận', 'xã Phú Mỹ',
    'xã Phú An', 'xã Phú Hồ', 'xã Phú Lương', 'xã Vinh Xuân', 'xã Vinh Hà', 'xã Phú Gia'],
  [PLOC]: ['thị trấn Phú Lộc', 'thị trấn Lăng Cô', 'xã Lộc Trì', 'xã Lộc Bình', 'xã Vinh Hưng', 'xã Vinh Mỹ', 'xã Vinh Hiền',
    'xã Lộc An', 'xã Lộc Điền', 'xã Lộc Sơn', 'xã Lộc Thủy', 'xã Lộc Tiến', 'xã Lộc Vĩnh', 'xã Xuân Lộc', 'xã Lộc Bổn'],
  [ALUOI]: ['thị trấn A Lưới', 'xã Hồng Vân', 'xã Hồng Kim', 'xã Hồng Thượng', 'xã Hương Phong', 'xã Phú Vinh',
    'xã Sơn Thủy', 'xã A Ngo', 'xã Hồng Hạ', 'xã Hương Nguyên', 'xã Lâm Đớt', 'xã A Roàng', 'xã Hồng Thủy',
    'xã Quảng Nhâm', 'xã Trung Sơn', 'xã Hồng Bắc'],
  [NDONG]: ['thị trấn Khe Tre', 'xã Hương Phú', 'xã Hương Sơn', 'xã Hương Lộc', 'xã Thượng Quảng', 'xã Thượng Long',
    'xã Thượng Nhật', 'xã Hương Xuân', 'xã Hương Hữu', 'xã Thượng Lộ'],
};

const HUE_STREETS = ['Lê Lợi', 'Hùng Vương', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Bến Nghé', 'Đội Cung', 'Hà Nội', 'Lê Duẩn',
  'Điện Biên Phủ', 'Lê Quý Đôn', 'Bà Triệu', 'Nguyễn Công Trứ', 'Chu Văn An', 'Phạm Ngũ Lão', 'Võ Thị Sáu', 'Ngô Quyền',
  'Phan Chu Trinh', 'Trường Chinh', 'Nguyễn Sinh Cung', 'Phạm Văn Đồng', 'Tố Hữu', 'Võ Văn Kiệt', 'Đặng Thái Thân',
  'Mai Thúc Loan', 'Đinh Tiên Hoàng', 'Lê Huân', 'Đoàn Thị Điểm', 'Chi Lăng', 'Huỳnh Thúc Kháng', 'Nguyễn Trãi',
  'Kim Long', 'Lý Nam Đế', 'Văn Cao', 'Trần Phú', 'Phan Bội Châu', 'Hai Bà Trưng', 'Ngự Bình', 'Nguyễn Lộ Trạch',
  'Dương Văn An', 'Hoàng Quốc Việt', 'An Dương Vương', 'Bùi Thị Xuân', 'Minh Mạng', 'Nguyễn Hoàng', 'Lý Thường Kiệt',
  'Nguyễn Tri Phương', 'Hoàng Hoa Thám', 'Nguyễn Văn Linh', 'Tôn Đức Thắng', 'Lê Lai'];

// ---------------------------------------------------------------------------------------------
// Sở Y tế — cơ sở khám chữa bệnh

function coSoKhamChuaBenh() {
  const r = rng(101);
  const phone = () => `0234 38${pad(r.int(0, 99))} ${pad(r.int(0, 999), 3)}`;
  type Row = [string, string, string, string, string, number];
  const rows: Row[] = [
    ['Bệnh viện Trung ương Huế', 'Bệnh viện đa khoa', 'Trung ương', '16 Lê Lợi, phường Vĩnh Ninh', HUE, 2500],
    ['Bệnh viện Trung ương Huế – Cơ sở 2', 'Bệnh viện đa khoa', 'Trung ương', 'Quốc lộ 1A, xã Phong An', PDIEN, 1000],
    ['Bệnh viện Quốc tế Trung ương Huế', 'Bệnh viện đa khoa', 'Trung ương', '3 Ngô Quyền, phường Vĩnh Ninh', HUE, 150],
    ['Bệnh viện Trường Đại học Y – Dược Huế', 'Bệnh viện đa khoa', 'Trung ương', '41 Nguyễn Huệ, phường Vĩnh Ninh', HUE, 900],
    ['Bệnh viện Quân y 268', 'Bệnh viện đa khoa', 'Bộ, ngành', '30 Đặng Thái Thân, phường Thuận Lộc', HUE, 250],
    ['Bệnh viện Giao thông vận tải Huế', 'Bệnh viện đa khoa', 'Bộ, ngành', '2 Bùi Thị Xuân, phường Thủy Biều', HUE, 150],
    ['Bệnh viện Mắt Huế', 'Bệnh viện chuyên khoa', 'Tỉnh', '85 Lý Thường Kiệt, phường Vĩnh Ninh', HUE, 80],
    ['Bệnh viện Răng Hàm Mặt Huế', 'Bệnh viện chuyên khoa', 'Tỉnh', '32 Ngô Quyền, phường Vĩnh Ninh', HUE, 50],
    ['Bệnh viện Y học cổ truyền tỉnh', 'Bệnh viện chuyên khoa', 'Tỉnh', '104 Nguyễn Huệ, phường Phú Nhuận', HUE, 200],
    ['Bệnh viện Phục hồi chức năng tỉnh', 'Bệnh viện chuyên khoa', 'Tỉnh', '5 Tôn Đức Thắng, phường Phú Nhuận', HUE, 120],
    ['Bệnh viện Tâm thần Huế', 'Bệnh viện chuyên khoa', 'Tỉnh', '18 Phạm Văn Đồng, phường Vỹ Dạ', HUE, 150],
    ['Bệnh viện Đa khoa Bình Điền', 'Bệnh viện đa khoa', 'Tỉnh', 'Quốc lộ 49, xã Bình Điền', HTRA, 100],
    ['Bệnh viện Đa khoa Chân Mây', 'Bệnh viện đa khoa', 'Tỉnh', 'Quốc lộ 1A, xã Lộc Vĩnh', PLOC, 100],
    ['Trung tâm Kiểm soát bệnh tật tỉnh', 'Trung tâm chuyên ngành', 'Tỉnh', '10–12 Nguyễn Văn Cừ, phường Vĩnh Ninh', HUE, 0],
    ['Trung tâm Pháp y tỉnh', 'Trung tâm chuyên ngành', 'Tỉnh', '7 Hải Triều, phường Vĩnh Ninh', HUE, 0],
    ['Bệnh viện Đa khoa Hoàng Viết Thắng', 'Bệnh viện đa khoa', 'Tư nhân', '187 Điện Biên Phủ, phường Trường An', HUE, 150],
    ['Bệnh viện Đa khoa Hòa Bình Huế', 'Bệnh viện đa khoa', 'Tư nhân', '155 Nguyễn Sinh Cung, phường Vỹ Dạ', HUE, 120],
    ['Trung tâm Y tế thành phố Huế', 'Trung tâm y tế', 'Huyện', '38 Trần Phú, phường Phước Vĩnh', HUE, 120],
    ['Trung tâm Y tế thị xã Hương Thủy', 'Trung tâm y tế', 'Huyện', '1 Nguyễn Tất Thành, phường Phú Bài', HTHUY, 150],
    ['Trung tâm Y tế thị xã Hương Trà', 'Trung tâm y tế', 'Huyện', '4 Cách Mạng Tháng Tám, phường Tứ Hạ', HTRA, 130],
    ['Trung tâm Y tế huyện Phong Điền', 'Trung tâm y tế', 'Huyện', '2 Phò Trạch, thị trấn Phong Điền', PDIEN, 200],
    ['Trung tâm Y tế huyện Quảng Điền', 'Trung tâm y tế', 'Huyện', '18 Nguyễn Kim Thành, thị trấn Sịa', QDIEN, 150],
    ['Trung tâm Y tế huyện Phú Vang', 'Trung tâm y tế', 'Huyện', 'Tỉnh lộ 10A, thị trấn Phú Đa', PVANG, 180],
    ['Trung tâm Y tế huyện Phú Lộc', 'Trung tâm y tế', 'Huyện', '52 Lý Thánh Tông, thị trấn Phú Lộc', PLOC, 250],
    ['Trung tâm Y tế huyện A Lưới', 'Trung tâm y tế', 'Huyện', '74 Hồ Chí Minh, thị trấn A Lưới', ALUOI, 200],
    ['Trung tâm Y tế huyện Nam Đông', 'Trung tâm y tế', 'Huyện', '2 Khe Tre, thị trấn Khe Tre', NDONG, 100],
  ];
  const clinics: [string, string, string][] = [
    ['Phòng khám đa khoa Tâm Đức', '56 Hùng Vương, phường Phú Nhuận', HUE],
    ['Phòng khám đa khoa Bình An', '120 Trần Hưng Đạo, phường Đông Ba', HUE],
    ['Phòng khám đa khoa Sông Hương', '24 Lê Quý Đôn, phường Phú Hội', HUE],
    ['Phòng khám đa khoa Ngự Bình', '211 Điện Biên Phủ, phường Trường An', HUE],
    ['Phòng khám đa khoa Phú Bài', '310 Nguyễn Tất Thành, phường Phú Bài', HTHUY],
    ['Phòng khám đa khoa Lăng Cô', '15 Lạc Long Quân, thị trấn Lăng Cô', PLOC],
    ['Phòng khám đa khoa An Phước', '88 Tố Hữu, phường Xuân Phú', HUE],
    ['Phòng khám đa khoa Tứ Hạ', '45 Độc Lập, phường Tứ Hạ', HTRA],
  ];
  for (const [name, addr, d] of clinics) rows.push([name, 'Phòng khám đa khoa', 'Tư nhân', addr, d, r.int(0, 2) * 5]);
  const stations: Record<string, number> = { [HUE]: 8, [HTHUY]: 3, [HTRA]: 3, [PDIEN]: 4, [QDIEN]: 3, [PVANG]: 4, [PLOC]: 4, [ALUOI]: 4, [NDONG]: 2 };
  for (const d of DISTRICTS) {
    const cs = COMMUNES[d];
    const step = Math.max(1, Math.floor(cs.length / stations[d]));
    for (let i = 0; i < stations[d]; i++) {
      const c = cs[(i * step + 1) % cs.length];
      const unit = c.replace(/^(phường|xã|thị trấn) /, '');
      const kind = c.startsWith('phường') ? 'phường' : c.startsWith('xã') ? 'xã' : 'thị trấn';
      rows.push([`Trạm Y tế ${kind} ${unit}`, 'Trạm y tế', 'Xã', `${cap(c)}`, d, r.int(3, 6)]);
    }
  }
  writeCsv('co-so-kham-chua-benh.csv', ['Tên cơ sở', 'Loại hình', 'Tuyến quản lý', 'Địa chỉ', 'Huyện/Thị xã', 'Số giường', 'Điện thoại'],
    rows.map((row) => [...row, phone()]));
  return rows;
}

function cap(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// Sở Y tế — lượt khám chữa bệnh theo tháng (XLSX)
function luotKhamChuaBenh() {
  const r = rng(102);
  const facilities: [string, number, number][] = [
    // name, outpatient visits per month, inpatient admissions per month
    ['Bệnh viện Trung ương Huế', 95000, 11000],
    ['Bệnh viện Trường Đại học Y – Dược Huế', 42000, 3600],
    ['Bệnh viện Y học cổ truyền tỉnh', 6500, 520],
    ['Trung tâm Y tế thành phố Huế', 14000, 700],
    ['Trung tâm Y tế thị xã Hương Thủy', 9800, 650],
    ['Trung tâm Y tế huyện Phong Điền', 11000, 900],
    ['Trung tâm Y tế huyện Phú Vang', 12500, 950],
    ['Trung tâm Y tế huyện Phú Lộc', 13000, 1100],
    ['Trung tâm Y tế huyện A Lưới', 7200, 780],
  ];
  const season = [0.9, 0.78, 1.0, 0.98, 1.03, 1.05, 1.08, 1.06, 1.0, 1.07, 1.1, 1.02];
  const rows: Cell[][] = [];
  for (let m = 1; m <= 12; m++) {
    for (const [name, opd, ipd] of facilities) {
      const visits = Math.round(opd * season[m - 1] * r.jitter(0.05));
      const admits = Math.round(ipd * season[m - 1] * r.jitter(0.06));
      const emergency = Math.round(admits * 0.35 * r.jitter(0.1));
      const bedUse = round(Math.min(128, 88 * season[m - 1] * r.jitter(0.06)), 1);
      const avgStay = round(6.2 * r.jitter(0.12), 1);
      rows.push([utcDate(2024, m, 1), name, visits, admits, emergency, avgStay, bedUse]);
    }
  }
  writeXlsx('luot-kham-chua-benh-theo-thang-2024.xlsx', [{
    name: 'Năm 2024',
    header: ['Tháng', 'Cơ sở khám chữa bệnh', 'Lượt khám ngoại trú', 'Lượt điều trị nội trú', 'Lượt cấp cứu', 'Ngày điều trị trung bình', 'Công suất sử dụng giường (%)'],
    rows,
    formats: { 0: 'mm/yyyy', 2: '#,##0', 3: '#,##0', 4: '#,##0', 5: '0.0', 6: '0.0' },
    widths: [10, 40, 20, 20, 14, 22, 26],
  }]);
}

// ---------------------------------------------------------------------------------------------
// Sở Du lịch — lượt khách theo tháng

function luotKhachDuLich() {
  const r = rng(201);
  // yearly totals: [international, domestic]
  const years: Record<number, [number, number]> = {
    2019: [2150000, 2650000], 2020: [330000, 1070000], 2021: [6000, 694000],
    2022: [190000, 1810000], 2023: [900000, 2100000], 2024: [1350000, 2250000],
  };
  const wInt = [11, 10, 11, 10, 7, 6, 7, 8, 6, 8, 8, 8];
  const wDom = [7, 7, 8, 10, 8, 11, 12, 10, 7, 6, 6, 8];
  const ones = Array(12).fill(1);
  const fInt: Record<number, number[]> = {
    2020: [1, 0.7, 0.25, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01],
    2021: ones, // experts and workers only; spread evenly
    2022: [0.02, 0.02, 0.2, 0.5, 0.7, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.3],
    2023: [0.75, 0.8, 0.9, 0.95, 1, 1, 1, 1.05, 1.05, 1.1, 1.15, 1.2],
  };
  const fDom: Record<number, number[]> = {
    2020: [1.1, 0.9, 0.45, 0.05, 0.4, 0.9, 0.8, 0.15, 0.3, 0.35, 0.35, 0.5],
    2021: [1, 0.7, 1, 1.1, 0.5, 0.3, 0.05, 0.01, 0.02, 0.2, 0.5, 0.6],
  };
  const split = (total: number, w: number[], f: number[]) => {
    const ws = w.map((x, i) => x * f[i]);
    const sum = ws.reduce((a, b) => a + b, 0);
    return ws.map((x) => (total * x) / sum);
  };
  const rows: Cell[][] = [];
  for (const y of Object.keys(years).map(Number)) {
    const [ti, td] = years[y];
    const ints = split(ti, wInt, fInt[y] ?? ones);
    const doms = split(td, wDom, fDom[y] ?? ones);
    for (let m = 1; m <= 12; m++) {
      const intl = roundTo(ints[m - 1] * r.jitter(0.03), 100);
      const dom = roundTo(doms[m - 1] * r.jitter(0.03), 100);
      const total = intl + dom;
      const stay = roundTo(total * (0.55 + r.next() * 0.06), 100);
      const revenue = round((intl * 2.6 + dom * 1.15) / 1000 * r.jitter(0.04), 1); // tỷ đồng
      rows.push([y, m, total, intl, dom, stay, revenue]);
    }
  }
  writeCsv('luot-khach-du-lich-theo-thang.csv',
    ['Năm', 'Tháng', 'Tổng lượt khách', 'Khách quốc tế', 'Khách nội địa', 'Lượt khách lưu trú', 'Tổng thu từ khách du lịch (tỷ đồng)'], rows);
}

function coSoLuuTru() {
  const r = rng(202);
  const phone = () => `0234 3${r.int(5, 9)}${pad(r.int(0, 99))} ${pad(r.int(0, 999), 3)}`;
  type Row = [string, string, string, string, string, number];
  const rows: Row[] = [
    ['Khách sạn Azerai La Residence Huế', 'Khách sạn', '5 sao', '5 Lê Lợi, phường Vĩnh Ninh', HUE, 122],
    ['Khách sạn Silk Path Grand Huế', 'Khách sạn', '5 sao', '2 Lê Lợi, phường Vĩnh Ninh', HUE, 141],
    ['Khách sạn Imperial Huế', 'Khách sạn', '5 sao', '8 Hùng Vương, phường Phú Nhuận', HUE, 194],
    ['Khách sạn Melia Vinpearl Huế', 'Khách sạn', '5 sao', '50A Hùng Vương, phường Phú Nhuận', HUE, 223],
    ['Pilgrimage Village Boutique Resort & Spa', 'Khu nghỉ dưỡng', '4 sao', '130 Minh Mạng, phường Thủy Xuân', HUE, 173],
    ['Khách sạn Indochine Palace', 'Khách sạn', '5 sao', '105A Hùng Vương, phường Phú Nhuận', HUE, 222],
    ['Khách sạn Hương Giang', 'Khách sạn', '4 sao', '51 Lê Lợi, phường Phú Hội', HUE, 165],
    ['Khách sạn Saigon Morin', 'Khách sạn', '4 sao', '30 Lê Lợi, phường Phú Hội', HUE, 180],
    ['Khách sạn Century Riverside Huế', 'Khách sạn', '4 sao', '49 Lê Lợi, phường Phú Hội', HUE, 135],
    ['Khách sạn Mường Thanh Holiday Huế', 'Khách sạn', '4 sao', '38 Lê Lợi, phường Phú Hội', HUE, 108],
    ['Khách sạn Moonlight Huế', 'Khách sạn', '4 sao', '20 Phạm Ngũ Lão, phường Phú Hội', HUE, 90],
    ['Khách sạn Eldora', 'Khách sạn', '4 sao', '60 Bến Nghé, phường Phú Hội', HUE, 57],
    ['Khách sạn Romance', 'Khách sạn', '4 sao', '16 Nguyễn Thái Học, phường Phú Hội', HUE, 78],
    ['Khách sạn Duy Tân', 'Khách sạn', '3 sao', '12 Hùng Vương, phường Phú Nhuận', HUE, 96],
    ['Khách sạn Thanh Lịch', 'Khách sạn', '3 sao', '35 Nguyễn Công Trứ, phường Phú Hội', HUE, 45],
    ['Khách sạn Kinh Thành', 'Khách sạn', '3 sao', '18 Đinh Tiên Hoàng, phường Đông Ba', HUE, 40],
    ['Khách sạn Ngọc Anh', 'Khách sạn', '2 sao', '29 Võ Thị Sáu, phường Phú Hội', HUE, 32],
    ['Khách sạn Hoa Sen', 'Khách sạn', '2 sao', '33 Đội Cung, phường Phú Hội', HUE, 28],
    ['Khách sạn Bến Nghé', 'Khách sạn', '1 sao', '4 Bến Nghé, phường Phú Hội', HUE, 20],
    ['Nhà nghỉ Phượng Hoàng', 'Nhà nghỉ du lịch', '', '14 Kiệt 26 Lê Lợi, phường Phú Hội', HUE, 12],
    ['Nhà nghỉ Thu Hương', 'Nhà nghỉ du lịch', '', '7 Kiệt 34 Nguyễn Tri Phương, phường Phú Hội', HUE, 10],
    ['Nhà vườn Ngọc Hân', 'Nhà ở có phòng cho khách du lịch thuê', '', '12 Kiệt 47 Kim Long, phường Kim Long', HUE, 6],
    ['Homestay Làng Hương Thủy Xuân', 'Nhà ở có phòng cho khách du lịch thuê', '', 'Tổ 9, phường Thủy Xuân', HUE, 5],
    ['Homestay Cầu Ngói Thanh Toàn', 'Nhà ở có phòng cho khách du lịch thuê', '', 'Thôn Thanh Toàn, xã Thủy Thanh', HTHUY, 4],
    ['Homestay Phá Tam Giang', 'Nhà ở có phòng cho khách du lịch thuê', '', 'Thôn Ngư Mỹ Thạnh, xã Quảng Thái', QDIEN, 5],
    ['Homestay Làng cổ Phước Tích', 'Nhà ở có phòng cho khách du lịch thuê', '', 'Thôn Phước Tích, xã Phong Hòa', PDIEN, 6],
    ['Khu nghỉ dưỡng Vedana Lagoon', 'Khu nghỉ dưỡng', '5 sao', 'Thôn Đông Xuyên, xã Lộc Bình', PLOC, 60],
    ['Khu nghỉ dưỡng Banyan Tree Lăng Cô', 'Khu nghỉ dưỡng', '5 sao', 'Cù Dù, thị trấn Lăng Cô', PLOC, 86],
    ['Khu nghỉ dưỡng Angsana Lăng Cô', 'Khu nghỉ dưỡng', '5 sao', 'Cù Dù, thị trấn Lăng Cô', PLOC, 229],
    ['Khách sạn Lăng Cô Beach', 'Khách sạn', '3 sao', '12 Lạc Long Quân, thị trấn Lăng Cô', PLOC, 68],
    ['Khách sạn Thuận An Sea', 'Khách sạn', '3 sao', '26 Nguyễn Văn Tuyết, phường Thuận An', HUE, 54],
    ['Khu nghỉ dưỡng Thuận An Beach', 'Khu nghỉ dưỡng', '4 sao', 'Hải Tiến, phường Thuận An', HUE, 72],
    ['Khách sạn Phú Bài', 'Khách sạn', '2 sao', '205 Nguyễn Tất Thành, phường Phú Bài', HTHUY, 36],
    ['Khách sạn Alba Thanh Tân', 'Khu nghỉ dưỡng', '4 sao', 'Thôn Thanh Tân, xã Phong Sơn', PDIEN, 84],
    ['Nhà nghỉ Bạch Mã', 'Nhà nghỉ du lịch', '', 'Khu 3, thị trấn Phú Lộc', PLOC, 14],
    ['Nhà nghỉ A Lưới', 'Nhà nghỉ du lịch', '', '45 Hồ Chí Minh, thị trấn A Lưới', ALUOI, 16],
    ['Homestay Tà Ôi', 'Nhà ở có phòng cho khách du lịch thuê', '', 'Thôn A Hố, xã Hồng Hạ', ALUOI, 4],
    ['Nhà nghỉ Khe Tre', 'Nhà nghỉ du lịch', '', '8 Khe Tre, thị trấn Khe Tre', NDONG, 12],
    ['Homestay Thác Mơ', 'Nhà ở có phòng cho khách du lịch thuê', '', 'Thôn 4, xã Hương Lộc', NDONG, 5],
    ['Khách sạn Sông Bồ', 'Khách sạn', '2 sao', '120 Cách Mạng Tháng Tám, phường Tứ Hạ', HTRA, 30],
  ];
  writeCsv('co-so-luu-tru-du-lich.csv',
    ['Tên cơ sở lưu trú', 'Loại hình', 'Hạng', 'Địa chỉ', 'Huyện/Thị xã', 'Số phòng', 'Số giường', 'Điện thoại'],
    rows.map(([n, t, h, a, d, rooms]) => [n, t, h, a, d, rooms, Math.round(rooms * (1.4 + r.next() * 0.5)), phone()]));
}

// ---------------------------------------------------------------------------------------------
// Sở Văn hóa và Thể thao — di tích, lễ hội; khách tham quan di tích (XLSX)

function diTich() {
  type Row = [string, string, string, number | string, string, string, number, number, number, string];
  const QGDB = 'Quốc gia đặc biệt';
  const QG = 'Quốc gia';
  const TINH = 'Cấp tỉnh';
  const KT = 'Kiến trúc nghệ thuật';
  const LS = 'Lịch sử';
  const DL = 'Danh lam thắng cảnh';
  const rows: Row[] = [
    ['Hoàng thành Huế (Đại Nội)', KT, QGDB, 2009, 'Đường 23 Tháng 8, phường Thuận Hòa', HUE, 16.4698, 107.5786, 200000, 'Có'],
    ['Kinh thành Huế', KT, QGDB, 2009, 'Phường Đông Ba, Thuận Hòa, Thuận Lộc, Tây Lộc', HUE, 16.4720, 107.5750, 0, 'Có'],
    ['Tử Cấm Thành', KT, QGDB, 2009, 'Trong Hoàng thành, phường Thuận Hòa', HUE, 16.4712, 107.5770, 0, 'Có'],
    ['Lăng Gia Long (Thiên Thọ Lăng)', KT, QGDB, 2009, 'Phường Hương Thọ', HUE, 16.3630, 107.5920, 150000, 'Có'],
    ['Lăng Minh Mạng (Hiếu Lăng)', KT, QGDB, 2009, 'Phường Hương Thọ', HUE, 16.3880, 107.5710, 150000, 'Có'],
    ['Lăng Thiệu Trị (Xương Lăng)', KT, QGDB, 2009, 'Phường Thủy Bằng', HUE, 16.4175, 107.5580, 50000, 'Có'],
    ['Lăng Tự Đức (Khiêm Lăng)', KT, QGDB, 2009, '17 Lê Ngô Cát, phường Thủy Xuân', HUE, 16.4335, 107.5635, 150000, 'Có'],
    ['Lăng Đồng Khánh (Tư Lăng)', KT, QGDB, 2009, 'Phường Thủy Xuân', HUE, 16.4320, 107.5600, 50000, 'Có'],
    ['Lăng Dục Đức (An Lăng)', KT, QGDB, 2009, '1 Tản Đà, phường Thủy Xuân', HUE, 16.4540, 107.5700, 0, 'Có'],
    ['Lăng Khải Định (Ứng Lăng)', KT, QGDB, 2009, 'Thôn Châu Chữ, phường Thủy Bằng', HUE, 16.3990, 107.5905, 150000, 'Có'],
    ['Đàn Nam Giao', KT, QGDB, 2009, 'Đường Điện Biên Phủ, phường Trường An', HUE, 16.4500, 107.5840, 0, 'Có'],
    ['Hổ Quyền', KT, QGDB, 2009, 'Phường Thủy Biều', HUE, 16.4420, 107.5520, 0, 'Có'],
    ['Điện Voi Ré', KT, QGDB, 2009, 'Phường Thủy Biều', HUE, 16.4430, 107.5480, 0, 'Có'],
    ['Điện Hòn Chén', KT, QGDB, 2009, 'Thôn Hải Cát, phường Hương Hồ', HUE, 16.4330, 107.5380, 50000, 'Có'],
    ['Văn Miếu Huế', KT, QGDB, 2009, 'Phường Hương Hồ', HUE, 16.4510, 107.5360, 0, 'Có'],
    ['Cung An Định', KT, QG, 1995, '179B Phan Đình Phùng, phường Phú Nhuận', HUE, 16.4640, 107.5920, 50000, 'Không'],
    ['Chùa Thiên Mụ', KT, QG, 1979, 'Đường Nguyễn Phúc Nguyên, phường Kim Long', HUE, 16.4530, 107.5450, 0, 'Không'],
    ['Chùa Từ Hiếu', KT, TINH, 2001, 'Kiệt 252 Điện Biên Phủ, phường Thủy Xuân', HUE, 16.4420, 107.5620, 0, 'Không'],
    ['Chùa Báo Quốc', KT, QG, 1996, '4 Báo Quốc, phường Vĩnh Ninh', HUE, 16.4580, 107.5680, 0, 'Không'],
    ['Chùa Diệu Đế', KT, QG, 1996, '100B Bạch Đằng, phường Gia Hội', HUE, 16.4730, 107.5890, 0, 'Không'],
    ['Nhà thờ chính tòa Phủ Cam', KT, TINH, 2012, '1 Nguyễn Trường Tộ, phường Phước Vĩnh', HUE, 16.4560, 107.5920, 0, 'Không'],
    ['Trường Quốc Học Huế', LS, QG, 1990, '12 Lê Lợi, phường Vĩnh Ninh', HUE, 16.4620, 107.5870, 0, 'Không'],
    ['Phu Văn Lâu', KT, QGDB, 2009, 'Đường Lê Duẩn, phường Thuận Hòa', HUE, 16.4680, 107.5810, 0, 'Có'],
    ['Nghênh Lương Đình', KT, QGDB, 2009, 'Đường Lê Duẩn, phường Thuận Hòa', HUE, 16.4662, 107.5798, 0, 'Có'],
    ['Điện Long An (Bảo tàng Cổ vật Cung đình Huế)', KT, QGDB, 2009, '3 Lê Trực, phường Đông Ba', HUE, 16.4720, 107.5840, 50000, 'Có'],
    ['Trấn Hải Thành', LS, QG, 2011, 'Phường Thuận An', HUE, 16.5690, 107.6290, 0, 'Có'],
    ['Nhà vườn An Hiên', KT, TINH, 2010, '58 Nguyễn Phúc Nguyên, phường Kim Long', HUE, 16.4610, 107.5580, 30000, 'Không'],
    ['Đồi Vọng Cảnh', DL, QG, 2009, 'Đường Huyền Trân Công Chúa, phường Thủy Biều', HUE, 16.4330, 107.5600, 0, 'Không'],
    ['Cầu ngói Thanh Toàn', KT, QG, 1990, 'Thôn Thanh Toàn, xã Thủy Thanh', HTHUY, 16.4840, 107.6720, 0, 'Không'],
    ['Chiến khu Dương Hòa', LS, TINH, 2005, 'Xã Dương Hòa', HTHUY, 16.3380, 107.6600, 0, 'Không'],
    ['Làng cổ Phước Tích', KT, QG, 2009, 'Thôn Phước Tích, xã Phong Hòa', PDIEN, 16.6150, 107.4100, 0, 'Không'],
    ['Khu lưu niệm Đại tướng Nguyễn Chí Thanh', LS, QG, 1999, 'Thôn Niêm Phò, xã Quảng Thọ', QDIEN, 16.5550, 107.5520, 0, 'Không'],
    ['Đồi A Bia', LS, QG, 2009, 'Xã A Ngo', ALUOI, 16.2160, 107.2100, 0, 'Không'],
    ['Hải Vân Quan', LS, QG, 1962, 'Đỉnh đèo Hải Vân, thị trấn Lăng Cô', PLOC, 16.1980, 108.1300, 0, 'Không'],
    ['Vườn quốc gia Bạch Mã', DL, QG, 1991, 'Thị trấn Phú Lộc', PLOC, 16.1980, 107.8560, 60000, 'Không'],
  ];
  writeCsv('diem-di-tich-hue.csv',
    ['Tên di tích', 'Loại hình', 'Xếp hạng', 'Năm xếp hạng', 'Địa chỉ', 'Huyện/Thị xã', 'Vĩ độ', 'Kinh độ', 'Giá vé người lớn (đồng)', 'Thuộc Quần thể di tích Cố đô Huế'],
    rows);
}

function leHoi() {
  type Row = [string, string, string, string, string, string, string, string];
  const AL = 'Âm lịch';
  const DLc = 'Dương lịch';
  const rows: Row[] = [
    ['Festival Huế', 'Tháng 4 – tháng 6', DLc, 'Hằng năm (Festival Huế bốn mùa)', 'Đại Nội và nhiều điểm trong thành phố', HUE, 'Cấp tỉnh', 'Văn hóa nghệ thuật'],
    ['Festival Nghề truyền thống Huế', 'Tháng 4 – tháng 6', DLc, 'Hai năm một lần (năm lẻ)', 'Bờ sông Hương, phố đi bộ Nguyễn Đình Chiểu', HUE, 'Cấp tỉnh', 'Văn hóa nghệ thuật'],
    ['Lễ hội Điện Hòn Chén', 'Mùng 2 – mùng 3 tháng 3 và mùng 7 tháng 7', AL, 'Hằng năm', 'Điện Hòn Chén, phường Hương Hồ', HUE, 'Cấp tỉnh', 'Tín ngưỡng dân gian'],
    ['Lễ tế Nam Giao', 'Tháng 3', AL, 'Theo kỳ Festival', 'Đàn Nam Giao, phường Trường An', HUE, 'Cấp tỉnh', 'Lễ hội cung đình'],
    ['Lễ tế Xã Tắc', 'Tháng 2', AL, 'Hằng năm', 'Đàn Xã Tắc, phường Thuận Hòa', HUE, 'Cấp tỉnh', 'Lễ hội cung đình'],
    ['Lễ hội Cầu ngư Thái Dương Hạ', 'Ngày 12 tháng Giêng', AL, 'Hằng năm, ba năm một lần tổ chức lớn', 'Làng Thái Dương Hạ, phường Thuận An', HUE, 'Cấp huyện', 'Lễ hội dân gian'],
    ['Hội vật võ làng Sình', 'Ngày 10 tháng Giêng', AL, 'Hằng năm', 'Làng Lại Ân, xã Phú Mậu', HUE, 'Cấp xã', 'Lễ hội dân gian'],
    ['Lễ hội đua ghe truyền thống trên sông Hương', 'Ngày 2 tháng 9', DLc, 'Hằng năm', 'Sông Hương, đoạn cầu Trường Tiền – cầu Phú Xuân', HUE, 'Cấp tỉnh', 'Thể thao dân gian'],
    ['Lễ hội Huyền Trân Công Chúa', 'Tháng 3', AL, 'Hằng năm', 'Khu văn hóa Huyền Trân, phường An Tây', HUE, 'Cấp huyện', 'Lễ hội lịch sử'],
    ['Lễ kỷ niệm vua Quang Trung lên ngôi', 'Ngày 25 tháng 11', AL, 'Hằng năm', 'Núi Bân, phường An Cựu', HUE, 'Cấp tỉnh', 'Lễ hội lịch sử'],
    ['Lễ Phật đản', 'Ngày 15 tháng 4', AL, 'Hằng năm', 'Các chùa trên địa bàn, diễu hành xe hoa', HUE, 'Cấp tỉnh', 'Tôn giáo'],
    ['Lễ Vu Lan', 'Ngày 15 tháng 7', AL, 'Hằng năm', 'Các chùa trên địa bàn', HUE, 'Cấp xã', 'Tôn giáo'],
    ['Đêm thơ Nguyên tiêu', 'Ngày 15 tháng Giêng', AL, 'Hằng năm', 'Đại Nội Huế', HUE, 'Cấp tỉnh', 'Văn hóa nghệ thuật'],
    ['Lễ hội Áo dài Huế', 'Tháng 3 – tháng 4', DLc, 'Hằng năm', 'Đại Nội và các tuyến phố', HUE, 'Cấp tỉnh', 'Văn hóa nghệ thuật'],
    ['Lễ hội Văn hóa ẩm thực Huế', 'Tháng 6', DLc, 'Theo kỳ Festival', 'Phố đi bộ Nguyễn Đình Chiểu', HUE, 'Cấp tỉnh', 'Văn hóa ẩm thực'],
    ['Chợ quê ngày Tết Thanh Toàn', 'Mùng 3 – mùng 4 tháng Giêng', AL, 'Hằng năm', 'Cầu ngói Thanh Toàn, xã Thủy Thanh', HTHUY, 'Cấp xã', 'Lễ hội dân gian'],
    ['Lễ hội đình làng Kim Long', 'Tháng 2', AL, 'Hằng năm', 'Đình Kim Long, phường Kim Long', HUE, 'Cấp xã', 'Tín ngưỡng dân gian'],
    ['Lễ hội làng cổ Phước Tích', 'Ngày 11 – 12 tháng 6', DLc, 'Hai năm một lần', 'Thôn Phước Tích, xã Phong Hòa', PDIEN, 'Cấp huyện', 'Văn hóa nghệ thuật'],
    ['Lễ hội Cầu ngư Phú Thuận', 'Tháng Giêng', AL, 'Hằng năm', 'Xã Phú Thuận', PVANG, 'Cấp xã', 'Lễ hội dân gian'],
    ['Lễ tế làng Mỹ Lợi', 'Ngày 7 – 8 tháng 2', AL, 'Hằng năm', 'Làng Mỹ Lợi, xã Vinh Mỹ', PLOC, 'Cấp xã', 'Tín ngưỡng dân gian'],
    ['Lễ hội đua ghe Tam Giang', 'Tháng 8', AL, 'Hằng năm', 'Phá Tam Giang, xã Quảng Công', QDIEN, 'Cấp huyện', 'Thể thao dân gian'],
    ['Lễ hội A Riêu Ping', 'Tháng 11', DLc, 'Nhiều năm một lần', 'Các thôn người Tà Ôi, Pa Kô, thị trấn A Lưới', ALUOI, 'Cấp huyện', 'Lễ hội dân tộc thiểu số'],
    ['Lễ mừng lúa mới', 'Tháng 10 – tháng 11', DLc, 'Hằng năm', 'Các xã vùng cao', ALUOI, 'Cấp xã', 'Lễ hội dân tộc thiểu số'],
    ['Ngày hội văn hóa thể thao các dân tộc thiểu số Nam Đông', 'Tháng 9', DLc, 'Hai năm một lần', 'Thị trấn Khe Tre', NDONG, 'Cấp huyện', 'Văn hóa thể thao'],
    ['Lễ hội thả diều Huế', 'Tháng 4', DLc, 'Theo kỳ Festival', 'Bãi biển Thuận An', HUE, 'Cấp tỉnh', 'Văn hóa nghệ thuật'],
  ];
  writeCsv('le-hoi-truyen-thong.csv',
    ['Tên lễ hội', 'Thời gian tổ chức', 'Lịch', 'Chu kỳ', 'Địa điểm', 'Huyện/Thị xã', 'Cấp tổ chức', 'Loại hình'], rows);
}

function khachThamQuanDiTich() {
  const r = rng(301);
  const sites: [string, number][] = [
    ['Hoàng thành Huế (Đại Nội)', 0.52], ['Lăng Minh Mạng', 0.10], ['Lăng Tự Đức', 0.13], ['Lăng Khải Định', 0.14],
    ['Cung An Định', 0.03], ['Điện Hòn Chén', 0.02], ['Bảo tàng Cổ vật Cung đình Huế', 0.06],
  ];
  const season = [1.0, 1.1, 1.05, 1.15, 0.95, 0.9, 1.05, 1.0, 0.8, 0.75, 0.85, 0.95];
  const sheet = (year: number, total: number): SheetSpec => {
    const rows: Cell[][] = [];
    for (let m = 1; m <= 12; m++) {
      const month = (total / 12) * season[m - 1];
      const counts = sites.map(([, share]) => roundTo(month * share * r.jitter(0.05), 10));
      const intlShare = round(0.42 + r.next() * 0.12, 2);
      const revenue = round(counts.reduce((a, b) => a + b, 0) * 0.118 / 1000 * r.jitter(0.03), 2); // tỷ đồng
      rows.push([utcDate(year, m, 1), ...counts, counts.reduce((a, b) => a + b, 0), intlShare * 100, revenue]);
    }
    return {
      name: `Năm ${year}`,
      title: [`LƯỢT KHÁCH THAM QUAN CÁC ĐIỂM DI TÍCH CỐ ĐÔ HUẾ NĂM ${year}`, 'Đơn vị tính: lượt khách; doanh thu: tỷ đồng (số liệu minh họa)'],
      header: ['Tháng', ...sites.map(([n]) => n), 'Tổng cộng', 'Tỷ lệ khách quốc tế (%)', 'Doanh thu bán vé (tỷ đồng)'],
      rows,
      formats: { 0: 'mm/yyyy', 1: '#,##0', 2: '#,##0', 3: '#,##0', 4: '#,##0', 5: '#,##0', 6: '#,##0', 7: '#,##0', 8: '#,##0', 9: '0', 10: '0.00' },
      widths: [10, 24, 16, 14, 16, 14, 14, 24, 14, 22, 24],
    };
  };
  writeXlsx('khach-tham-quan-di-tich-co-do-hue.xlsx', [
    sheet(2023, 2500000),
    sheet(2024, 3100000),
    {
      name: 'Ghi chú',
      header: ['Nội dung', 'Giải thích'],
      rows: [
        ['Phạm vi', 'Các điểm di tích có bán vé thuộc Quần thể di tích Cố đô Huế'],
        ['Tháng', 'Ngày đầu tháng của kỳ báo cáo'],
        ['Khách quốc tế', 'Khách mua vé quốc tế hoặc vé liên tuyến dành cho khách nước ngoài'],
        ['Miễn vé', 'Không tính khách được miễn vé (trẻ em dưới 7 tuổi, người dân Thừa Thiên Huế ngày cuối tuần)'],
        ['Nguồn', 'Tổng hợp từ hệ thống vé điện tử; số liệu minh họa dùng cho cổng dữ liệu mở'],
      ],
      widths: [16, 90],
    },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Sở Giáo dục và Đào tạo

const THPT: [string, string, string][] = [
  ['Trường THPT Chuyên Quốc Học', '12 Lê Lợi, phường Vĩnh Ninh', HUE],
  ['Trường THPT Hai Bà Trưng', '14 Lê Lợi, phường Vĩnh Ninh', HUE],
  ['Trường THPT Nguyễn Huệ', '102 Nguyễn Huệ, phường Phú Nhuận', HUE],
  ['Trường THPT Gia Hội', '2 Huỳnh Thúc Kháng, phường Gia Hội', HUE],
  ['Trường THPT Nguyễn Trường Tộ', '80 Nguyễn Trường Tộ, phường Phước Vĩnh', HUE],
  ['Trường THPT Cao Thắng', '10 Đặng Huy Trứ, phường Trường An', HUE],
  ['Trường THPT Bùi Thị Xuân', '26 Bùi Thị Xuân, phường Thủy Biều', HUE],
  ['Trường THPT Đặng Trần Côn', '3 Đặng Trần Côn, phường Thuận Hòa', HUE],
  ['Trường THPT Thuận An', '8 Nguyễn Văn Tuyết, phường Thuận An', HUE],
  ['Trường THPT Hương Vinh', 'Đường Hương Vinh, phường Hương Vinh', HUE],
  ['Trường Phổ thông Dân tộc nội trú tỉnh', '4 Thanh Hải, phường An Tây', HUE],
  ['Trường THPT Hương Thủy', '1 Sóng Hồng, phường Phú Bài', HTHUY],
  ['Trường THPT Phú Bài', '452 Nguyễn Tất Thành, phường Thủy Dương', HTHUY],
  ['Trường THPT Hương Trà', '89 Cách Mạng Tháng Tám, phường Tứ Hạ', HTRA],
  ['Trường THPT Bình Điền', 'Thôn Bình Lợi, xã Bình Điền', HTRA],
  ['Trường THPT Đặng Huy Trứ', 'Phường Hương Chữ', HTRA],
  ['Trường THPT Phong Điền', '15 Phò Trạch, thị trấn Phong Điền', PDIEN],
  ['Trường THPT Tam Giang', 'Xã Phong Hải', PDIEN],
  ['Trường THPT Nguyễn Đình Chiểu', 'Xã Phong An', PDIEN],
  ['Trường THPT Quảng Điền', '20 Nguyễn Vịnh, thị trấn Sịa', QDIEN],
  ['Trường THPT Nguyễn Chí Thanh', 'Xã Quảng Phú', QDIEN],
  ['Trường THPT Hóa Châu', 'Xã Quảng An', QDIEN],
  ['Trường THPT Phan Đăng Lưu', 'Thị trấn Phú Đa', PVANG],
  ['Trường THPT Vinh Xuân', 'Xã Vinh Xuân', PVANG],
  ['Trường THPT Nguyễn Sinh Cung', 'Xã Phú Mỹ', PVANG],
  ['Trường THPT Hà Trung', 'Xã Vinh Hà', PVANG],
  ['Trường THPT Phú Lộc', '2 Lý Thánh Tông, thị trấn Phú Lộc', PLOC],
  ['Trường THPT Vinh Lộc', 'Xã Vinh Hưng', PLOC],
  ['Trường THPT An Lương Đông', 'Xã Lộc Trì', PLOC],
  ['Trường THPT Thừa Lưu', 'Xã Lộc Tiến', PLOC],
  ['Trường THPT A Lưới', '130 Hồ Chí Minh, thị trấn A Lưới', ALUOI],
  ['Trường THPT Hương Lâm', 'Xã Hương Phong', ALUOI],
  ['Trường THPT Nam Đông', 'Thị trấn Khe Tre', NDONG],
];

function truongHoc() {
  const r = rng(401);
  const rows: Cell[][] = [];
  for (const [name, addr, d] of THPT) {
    const classes = name.includes('Chuyên') ? 33 : name.includes('Dân tộc') ? 16 : r.int(21, 39);
    const students = Math.round(classes * (name.includes('Chuyên') ? 32 : 38 + r.int(-3, 4)));
    rows.push([name, 'THPT', 'Công lập', addr, d, classes, students, Math.round(classes * (2.1 + r.next() * 0.3))]);
  }
  const people = ['Nguyễn Tri Phương', 'Nguyễn Văn Trỗi', 'Trần Cao Vân', 'Lý Tự Trọng', 'Nguyễn Du', 'Hàm Nghi', 'Chu Văn An',
    'Nguyễn Chí Diểu', 'Phạm Văn Đồng', 'Tôn Thất Tùng', 'Hoàng Kim Hoán', 'Lê Hồng Phong', 'Nguyễn Khoa Đăng', 'Đặng Văn Ngữ',
    'Trần Quốc Toản', 'Nguyễn Thái Học', 'Phan Sào Nam', 'Huỳnh Thúc Kháng', 'Lê Lợi', 'Trưng Vương'];
  let i = 0;
  for (const d of DISTRICTS) {
    const n = d === HUE ? 8 : 3;
    for (let k = 0; k < n; k++, i++) {
      const commune = COMMUNES[d][(k * 3 + 2) % COMMUNES[d].length];
      const classes = r.int(12, 30);
      rows.push([`Trường THCS ${people[i % people.length]}`, 'THCS', 'Công lập', cap(commune), d, classes,
        classes * r.int(33, 40), Math.round(classes * (1.8 + r.next() * 0.3))]);
    }
  }
  for (const d of DISTRICTS) {
    const n = d === HUE ? 4 : 2;
    for (let k = 0; k < n; k++) {
      const commune = COMMUNES[d][(k * 5 + 1) % COMMUNES[d].length];
      const unit = commune.replace(/^(phường|xã|thị trấn) /, '');
      const classes = r.int(10, 25);
      rows.push([`Trường Tiểu học ${unit}`, 'Tiểu học', 'Công lập', cap(commune), d, classes,
        classes * r.int(28, 35), Math.round(classes * (1.3 + r.next() * 0.2))]);
    }
  }
  const priv: [string, string, string, string][] = [
    ['Trường Mầm non Hoa Sen', 'Mầm non', '24 Trần Phú, phường Phước Vĩnh', HUE],
    ['Trường Mầm non Sơn Ca', 'Mầm non', '6 Lê Quý Đôn, phường Phú Hội', HUE],
    ['Trường Tiểu học và THCS Ngôi Sao Huế', 'Tiểu học và THCS', '98 Tố Hữu, phường Xuân Phú', HUE],
    ['Trường THPT Tư thục Trần Hưng Đạo', 'THPT', '99 Trần Hưng Đạo, phường Đông Ba', HUE],
    ['Trường Mầm non Tuổi Thơ Phú Bài', 'Mầm non', '55 Nguyễn Tất Thành, phường Phú Bài', HTHUY],
  ];
  for (const [name, level, addr, d] of priv) {
    const classes = r.int(6, 18);
    rows.push([name, level, 'Tư thục', addr, d, classes, classes * r.int(22, 30), Math.round(classes * 1.9)]);
  }
  writeCsv('truong-hoc.csv',
    ['Tên trường', 'Cấp học', 'Loại hình', 'Địa chỉ', 'Huyện/Thị xã', 'Số lớp', 'Số học sinh', 'Số giáo viên'], rows);
}

function ketQuaThiTHPT() {
  const r = rng(402);
  const rows: Cell[][] = [];
  for (const [name, , d] of THPT) {
    const strong = name.includes('Chuyên') || name.includes('Hai Bà Trưng') || name.includes('Nguyễn Huệ');
    const remote = d === ALUOI || d === NDONG || name.includes('Dân tộc');
    const candidates = strong ? r.int(380, 460) : r.int(240, 520);
    const passRate = strong ? 100 : remote ? round(93 + r.next() * 5, 2) : round(96.5 + r.next() * 3.4, 2);
    const passed = Math.min(candidates, Math.round((candidates * passRate) / 100));
    const base = strong ? 7.6 : remote ? 5.6 : 6.4;
    const s = () => round(base + (r.next() - 0.5) * 0.9, 2);
    rows.push([name, d, candidates, passed, round((passed / candidates) * 100, 2), s(), s(), round(s() - 0.6, 2), s(), s(), r.int(0, strong ? 60 : 8)]);
  }
  writeXlsx('ket-qua-thi-tot-nghiep-thpt-2024.xlsx', [{
    name: 'Theo trường',
    header: ['Trường', 'Huyện/Thị xã', 'Số thí sinh dự thi', 'Số thí sinh tốt nghiệp', 'Tỷ lệ tốt nghiệp (%)',
      'Điểm TB Toán', 'Điểm TB Ngữ văn', 'Điểm TB Tiếng Anh', 'Điểm TB tổ hợp KHTN', 'Điểm TB tổ hợp KHXH', 'Số điểm 10'],
    rows,
    formats: { 4: '0.00', 5: '0.00', 6: '0.00', 7: '0.00', 8: '0.00', 9: '0.00' },
    widths: [36, 20, 18, 20, 18, 14, 16, 18, 20, 20, 12],
  }]);
}

// ---------------------------------------------------------------------------------------------
// Sở Tài nguyên và Môi trường

function chatLuongKhongKhi() {
  const r = rng(501);
  const stations: [string, number, number][] = [
    ['Trạm 01 – Công viên Lê Lợi (Thành phố Huế)', 19, 38],
    ['Trạm 02 – Khu công nghiệp Phú Bài (Hương Thủy)', 27, 55],
    ['Trạm 03 – Thị trấn Phong Điền (Phong Điền)', 14, 30],
  ];
  const interp = (x: number, bp: number[], aqi: number[]) => {
    for (let i = 1; i < bp.length; i++) {
      if (x <= bp[i]) return Math.round(aqi[i - 1] + ((aqi[i] - aqi[i - 1]) * (x - bp[i - 1])) / (bp[i] - bp[i - 1]));
    }
    return 500;
  };
  const grade = (a: number) => (a <= 50 ? 'Tốt' : a <= 100 ? 'Trung bình' : a <= 150 ? 'Kém' : a <= 200 ? 'Xấu' : 'Rất xấu');
  const rows: Cell[][] = [];
  for (let d = 1; d <= 31; d++) {
    // a wet, windy January with a couple of still, hazy days around the middle of the month
    const haze = d >= 14 && d <= 17 ? 1.9 - Math.abs(d - 15.5) * 0.2 : 1;
    const weekly = 1 + 0.12 * Math.sin((d / 7) * 2 * Math.PI);
    for (const [name, pm25base, pm10base] of stations) {
      const pm25 = round(pm25base * haze * weekly * r.jitter(0.2), 1);
      const pm10 = round(pm10base * haze * weekly * r.jitter(0.18), 1);
      const no2 = round((name.includes('Phú Bài') ? 28 : name.includes('Lê Lợi') ? 24 : 12) * r.jitter(0.25), 1);
      const so2 = round((name.includes('Phú Bài') ? 14 : 6) * r.jitter(0.3), 1);
      const co = round((name.includes('Phong Điền') ? 620 : 980) * r.jitter(0.2), 0);
      const o3 = round(42 * r.jitter(0.25), 1);
      const aqi = Math.max(
        interp(pm25, [0, 25, 50, 80, 150, 250, 350, 500], [0, 50, 100, 150, 200, 300, 400, 500]),
        interp(pm10, [0, 50, 150, 250, 350, 420, 500, 600], [0, 50, 100, 150, 200, 300, 400, 500]),
      );
      rows.push([isoDate(2024, 1, d), name, pm25, pm10, no2, so2, co, o3, aqi, grade(aqi)]);
    }
  }
  writeCsv('chat-luong-khong-khi-thang-01-2024.csv',
    ['Ngày', 'Trạm quan trắc', 'PM2.5 (µg/m³)', 'PM10 (µg/m³)', 'NO2 (µg/m³)', 'SO2 (µg/m³)', 'CO (µg/m³)', 'O3 (µg/m³)', 'VN_AQI', 'Mức chất lượng'],
    rows);
}

function giaDat() {
  const r = rng(502);
  // street, from, to, road class, position-1 price (nghìn đồng/m²)
  const streets: [string, string, string, string, number][] = [
    ['Lê Lợi', 'Cầu Trường Tiền', 'Hà Nội', '1A', 64000],
    ['Lê Lợi', 'Hà Nội', 'Đập Đá', '1A', 58000],
    ['Hùng Vương', 'Cầu Trường Tiền', 'Bà Triệu', '1A', 62000],
    ['Trần Hưng Đạo', 'Cầu Trường Tiền', 'Cầu Gia Hội', '1A', 60000],
    ['Bến Nghé', 'Trọn đường', '', '1B', 48000],
    ['Đội Cung', 'Trọn đường', '', '1B', 47000],
    ['Nguyễn Huệ', 'Lê Lợi', 'Ngã sáu Hùng Vương', '1B', 45000],
    ['Hà Nội', 'Lê Lợi', 'Nguyễn Huệ', '1B', 44000],
    ['Lê Duẩn', 'Cầu Phú Xuân', 'Cửa Chánh Tây', '1C', 38000],
    ['Điện Biên Phủ', 'Ngã sáu Hùng Vương', 'Đàn Nam Giao', '1C', 36000],
    ['Lê Quý Đôn', 'Trọn đường', '', '1C', 39000],
    ['Bà Triệu', 'Hùng Vương', 'Cầu Vỹ Dạ', '1C', 37000],
    ['Nguyễn Công Trứ', 'Trọn đường', '', '1C', 35000],
    ['Chu Văn An', 'Trọn đường', '', '1B', 46000],
    ['Phạm Ngũ Lão', 'Trọn đường', '', '1B', 46000],
    ['Võ Thị Sáu', 'Trọn đường', '', '1B', 45000],
    ['Ngô Quyền', 'Lê Lợi', 'Nguyễn Huệ', '1C', 34000],
    ['Phan Chu Trinh', 'Trọn đường', '', '2A', 28000],
    ['Trường Chinh', 'Trọn đường', '', '2A', 27000],
    ['Nguyễn Sinh Cung', 'Cầu Vỹ Dạ', 'Cầu Thọ Lộc', '2A', 26000],
    ['Phạm Văn Đồng', 'Cầu Vỹ Dạ', 'Tố Hữu', '2A', 30000],
    ['Tố Hữu', 'Trọn đường', '', '1C', 38000],
    ['Võ Văn Kiệt', 'Trọn đường', '', '2A', 25000],
    ['Đặng Thái Thân', 'Trọn đường', '', '2B', 22000],
    ['Mai Thúc Loan', 'Trọn đường', '', '2A', 26000],
    ['Đinh Tiên Hoàng', 'Cửa Thượng Tứ', 'Cửa Hậu', '2A', 29000],
    ['Lê Huân', 'Trọn đường', '', '2B', 21000],
    ['Đoàn Thị Điểm', 'Trọn đường', '', '2B', 23000],
    ['Chi Lăng', 'Cầu Gia Hội', 'Cầu Bao Vinh', '2B', 20000],
    ['Huỳnh Thúc Kháng', 'Trọn đường', '', '2B', 21000],
    ['Nguyễn Trãi', 'Trọn đường', '', '2B', 22000],
    ['Kim Long', 'Trọn đường', '', '3A', 16000],
    ['Lý Nam Đế', 'Trọn đường', '', '3A', 14000],
    ['Văn Cao', 'Trọn đường', '', '3A', 13000],
    ['Trần Phú', 'Trọn đường', '', '2A', 28000],
    ['Phan Bội Châu', 'Trọn đường', '', '2A', 27000],
    ['Hai Bà Trưng', 'Trọn đường', '', '2A', 30000],
    ['Ngự Bình', 'Trọn đường', '', '2B', 20000],
    ['Nguyễn Lộ Trạch', 'Trọn đường', '', '2A', 26000],
    ['Dương Văn An', 'Trọn đường', '', '2B', 22000],
    ['Hoàng Quốc Việt', 'Trọn đường', '', '2B', 21000],
    ['An Dương Vương', 'Trọn đường', '', '2B', 20000],
    ['Bùi Thị Xuân', 'Trọn đường', '', '3A', 15000],
    ['Minh Mạng', 'Trọn đường', '', '3B', 11000],
    ['Nguyễn Hoàng', 'Trọn đường', '', '3A', 15000],
    ['Lý Thường Kiệt', 'Trọn đường', '', '1C', 36000],
    ['Nguyễn Tri Phương', 'Trọn đường', '', '1C', 34000],
    ['Hoàng Hoa Thám', 'Trọn đường', '', '1C', 35000],
    ['Nguyễn Văn Linh', 'Trọn đường', '', '3A', 16000],
    ['Tôn Đức Thắng', 'Trọn đường', '', '2A', 25000],
    ['Lê Lai', 'Trọn đường', '', '2A', 28000],
    ['Huyền Trân Công Chúa', 'Trọn đường', '', '3B', 10000],
    ['Lê Ngô Cát', 'Trọn đường', '', '3A', 13000],
    ['Xuân 68', 'Trọn đường', '', '2B', 22000],
  ];
  const ratio = (x: number, k: number) => roundTo(x * k * r.jitter(0.02), 10);
  const rows: Cell[][] = streets.map(([s, from, to, cls, p1], i) =>
    [i + 1, s, from, to, cls, p1, ratio(p1, 0.55), ratio(p1, 0.38), ratio(p1, 0.26)]);
  // Saved as Excel would export it: UTF-8 with a byte-order mark.
  writeCsv('bang-gia-dat-thanh-pho-hue.csv',
    ['STT', 'Tên đường', 'Đoạn từ', 'Đoạn đến', 'Loại đường', 'Vị trí 1 (nghìn đồng/m²)', 'Vị trí 2 (nghìn đồng/m²)', 'Vị trí 3 (nghìn đồng/m²)', 'Vị trí 4 (nghìn đồng/m²)'],
    rows, { bom: true });
}

function quanTracNuocMat() {
  const r = rng(503);
  const sites: [string, string, number][] = [
    // site, water body, pollution factor
    ['NM01 – Sông Hương tại cầu Tuần', 'Sông Hương', 0.7],
    ['NM02 – Sông Hương tại Kim Long', 'Sông Hương', 0.85],
    ['NM03 – Sông Hương tại cầu Trường Tiền', 'Sông Hương', 1.0],
    ['NM04 – Sông Bồ tại cầu Tứ Phú', 'Sông Bồ', 0.9],
    ['NM05 – Sông Như Ý tại cầu Vỹ Dạ', 'Sông Như Ý', 1.5],
    ['NM06 – Hộ thành hào tại Đông Ba', 'Hộ thành hào', 1.9],
    ['NM07 – Phá Tam Giang tại Quảng Công', 'Phá Tam Giang', 1.1],
    ['NM08 – Đầm Lập An tại Lăng Cô', 'Đầm Lập An', 1.2],
  ];
  const rows: Cell[][] = [];
  for (const m of [2, 4, 6, 8, 10, 12]) {
    const flood = m === 10 || m === 12 ? 1.6 : 1; // rainy season: more suspended solids
    for (const [site, body, f] of sites) {
      const bod = round(2.4 * f * r.jitter(0.2), 1);
      const cod = round(bod * (2.1 + r.next() * 0.5), 1);
      const wqi = Math.max(35, Math.min(98, Math.round(100 - f * 18 * r.jitter(0.2) - (flood - 1) * 20)));
      const rating = wqi >= 91 ? 'Rất tốt' : wqi >= 76 ? 'Tốt' : wqi >= 51 ? 'Trung bình' : 'Kém';
      rows.push([utcDate(2024, m, r.int(8, 14)), site, body,
        round(6.9 + (r.next() - 0.5) * 0.8 + (body.startsWith('Phá') || body.startsWith('Đầm') ? 0.6 : 0), 2),
        round(6.4 / Math.sqrt(f) * r.jitter(0.08), 2), bod, cod, Math.round(14 * f * flood * r.jitter(0.25)),
        round(0.12 * f * r.jitter(0.3), 3), roundTo(1800 * f * f * r.jitter(0.4), 10), wqi, rating]);
    }
  }
  writeXlsx('quan-trac-chat-luong-nuoc-mat-2024.xlsx', [{
    name: 'Kết quả 2024',
    header: ['Ngày lấy mẫu', 'Điểm quan trắc', 'Thủy vực', 'pH', 'DO (mg/L)', 'BOD5 (mg/L)', 'COD (mg/L)', 'TSS (mg/L)', 'NH4+ (mg/L)', 'Coliform (MPN/100mL)', 'VN_WQI', 'Đánh giá'],
    rows,
    formats: { 3: '0.00', 4: '0.00', 5: '0.0', 6: '0.0', 8: '0.000', 9: '#,##0' },
    widths: [14, 38, 16, 8, 10, 12, 12, 10, 12, 20, 10, 12],
  }]);
}

// ---------------------------------------------------------------------------------------------
// Cục Thống kê — dân số, CPI, niên giám (XLSX)

const POP: [string, number, number, number][] = [
  // district, area (km²), average population 2023, urban share
  [HUE, 265.99, 471300, 0.86],
  [HTHUY, 398.4, 98600, 0.66],
  [HTRA, 393.1, 78400, 0.42],
  [PDIEN, 945.7, 92500, 0.1],
  [QDIEN, 163.3, 84100, 0.11],
  [PVANG, 235.6, 114300, 0.1],
  [PLOC, 720.4, 130200, 0.21],
  [ALUOI, 1229.0, 49700, 0.12],
  [NDONG, 647.8, 26300, 0.15],
];

function danSoRows() {
  const r = rng(601);
  const rows: Cell[][] = [];
  for (const year of [2021, 2022, 2023]) {
    for (const [d, area, pop2023, urban] of POP) {
      const growth = d === HUE ? 0.0105 : d === ALUOI || d === NDONG ? 0.013 : 0.0075;
      const pop = Math.round(pop2023 / (1 + growth) ** (2023 - year) * r.jitter(0.001));
      const male = Math.round(pop * (0.492 + r.next() * 0.01));
      const urb = Math.round(pop * (urban + (year - 2023) * 0.004));
      rows.push([year, d, area, pop, male, pop - male, urb, pop - urb, Math.round(pop / area)]);
    }
  }
  return rows;
}

function danSo() {
  writeCsv('dan-so-theo-huyen.csv',
    ['Năm', 'Huyện/Thị xã/Thành phố', 'Diện tích (km²)', 'Dân số trung bình (người)', 'Nam', 'Nữ', 'Thành thị', 'Nông thôn', 'Mật độ dân số (người/km²)'],
    danSoRows());
}

function cpi() {
  const r = rng(602);
  const rows: Cell[][] = [];
  // month-on-month drift: Tết in Jan/Feb, school fees in Sep, fuel swings
  const seasonal = [0.45, 0.6, -0.15, 0.2, 0.1, 0.15, 0.2, 0.25, 0.55, 0.05, 0.0, 0.1];
  const level: number[] = [];
  let idx = 100;
  for (const year of [2023, 2024]) {
    for (let m = 1; m <= 12; m++) {
      const mom = round(seasonal[m - 1] + (r.next() - 0.5) * 0.3, 2);
      idx *= 1 + mom / 100;
      level.push(idx);
      const n = level.length;
      const yoy = n > 12 ? round((level[n - 1] / level[n - 13]) * 100, 2) : round(103.1 + (r.next() - 0.5) * 0.8, 2);
      rows.push([year, m, round(100 + mom, 2), yoy,
        round(100 + mom * 1.3 + (r.next() - 0.5) * 0.3, 2), round(100 + mom * 0.9 + (r.next() - 0.5) * 0.6, 2),
        round(100 + (r.next() - 0.5) * 2.2, 2), round(100 + (m === 9 ? 4.8 : (r.next() - 0.5) * 0.2), 2),
        round(100 + (r.next() - 0.3) * 3.2, 2), round(100 + (r.next() - 0.4) * 1.0, 2)]);
    }
  }
  writeCsv('chi-so-gia-tieu-dung-theo-thang.csv',
    ['Năm', 'Tháng', 'CPI chung so với tháng trước (%)', 'CPI chung so với cùng kỳ năm trước (%)', 'Hàng ăn và dịch vụ ăn uống (%)',
      'Nhà ở, điện, nước, chất đốt và VLXD (%)', 'Giao thông (%)', 'Giáo dục (%)', 'Chỉ số giá vàng (%)', 'Chỉ số giá đô la Mỹ (%)'],
    rows);
}

function nienGiam() {
  const r = rng(603);
  const pop = danSoRows().filter((row) => row[0] === 2023).map((row) => row.slice(1));
  const sectors: [string, number][] = [
    ['Nông, lâm nghiệp và thủy sản', 0.24], ['Công nghiệp và xây dựng', 0.22], ['Thương mại, sửa chữa ô tô, mô tô', 0.16],
    ['Dịch vụ lưu trú và ăn uống', 0.1], ['Vận tải, kho bãi', 0.04], ['Giáo dục và đào tạo', 0.06], ['Y tế và trợ giúp xã hội', 0.03],
    ['Hoạt động khác', 0.15],
  ];
  const labour = 612000;
  const labourRows: Cell[][] = [];
  // column 2 (share) is filled in once the total is known
  for (const [s, share] of sectors) {
    const n = Math.round(labour * share * r.jitter(0.02));
    labourRows.push([s, n, 0, round(32 + r.next() * 40, 1)]);
  }
  const employed = labourRows.reduce((a, row) => a + (row[1] as number), 0);
  for (const row of labourRows) row[2] = round(((row[1] as number) / employed) * 100, 1);
  const grdp: Cell[][] = [];
  const base: [string, number][] = [
    ['Nông, lâm nghiệp và thủy sản', 6400], ['Công nghiệp và xây dựng', 18500], ['Dịch vụ', 27600], ['Thuế sản phẩm trừ trợ cấp sản phẩm', 4900],
  ];
  for (const year of [2019, 2020, 2021, 2022, 2023]) {
    const f = { 2019: 1, 2020: 1.02, 2021: 1.06, 2022: 1.15, 2023: 1.23 }[year]!;
    const vals = base.map(([, v], i) => Math.round(v * f * (i === 2 && (year === 2020 || year === 2021) ? 0.95 : 1) * r.jitter(0.01)));
    const total = vals.reduce((a, b) => a + b, 0);
    grdp.push([year, ...vals, total, round(total * 1000 / (1130 + (year - 2019) * 8) / 1000, 1)]);
  }
  writeXlsx('nien-giam-thong-ke-2023-trich.xlsx', [
    {
      name: '01 Dân số',
      title: ['Biểu 01. Diện tích, dân số và mật độ dân số năm 2023 phân theo huyện/thị xã/thành phố'],
      header: ['Huyện/Thị xã/Thành phố', 'Diện tích (km²)', 'Dân số trung bình (người)', 'Nam', 'Nữ', 'Thành thị', 'Nông thôn', 'Mật độ dân số (người/km²)'],
      rows: pop,
      formats: { 1: '#,##0.00', 2: '#,##0', 3: '#,##0', 4: '#,##0', 5: '#,##0', 6: '#,##0', 7: '#,##0' },
      widths: [26, 16, 24, 12, 12, 12, 12, 24],
      notes: ['Nguồn: Cục Thống kê tỉnh Thừa Thiên Huế (số liệu minh họa)'],
    },
    {
      name: '02 Lao động',
      title: ['Biểu 02. Lao động từ 15 tuổi trở lên đang làm việc phân theo ngành kinh tế năm 2023'],
      header: ['Ngành kinh tế', 'Số lao động (người)', 'Cơ cấu (%)', 'Tỷ lệ lao động đã qua đào tạo có bằng, chứng chỉ (%)'],
      rows: labourRows,
      formats: { 1: '#,##0', 2: '0.0', 3: '0.0' },
      widths: [40, 20, 12, 30],
    },
    {
      name: '03 GRDP',
      title: ['Biểu 03. Tổng sản phẩm trên địa bàn (GRDP) theo giá hiện hành phân theo khu vực kinh tế', 'Đơn vị tính: tỷ đồng'],
      header: ['Năm', ...base.map(([n]) => n), 'Tổng GRDP', 'GRDP bình quân đầu người (triệu đồng)'],
      rows: grdp,
      formats: { 1: '#,##0', 2: '#,##0', 3: '#,##0', 4: '#,##0', 5: '#,##0', 6: '0.0' },
      widths: [8, 26, 24, 12, 30, 14, 34],
    },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Sở Kế hoạch và Đầu tư — doanh nghiệp

function doanhNghiepTheoThang() {
  const r = rng(701);
  const rows: Cell[][] = [];
  const season = [0.8, 0.55, 1.15, 1.05, 1.1, 1.05, 1.05, 1.0, 1.0, 1.05, 1.05, 1.15];
  for (const [year, perMonth] of [[2022, 74], [2023, 79], [2024, 87]] as const) {
    for (let m = 1; m <= 12; m++) {
      const n = Math.round(perMonth * season[m - 1] * r.jitter(0.1));
      const capital = round(n * (5.2 + r.next() * 3.5), 1);
      rows.push([year, m, n, capital, Math.round(n * (6 + r.next() * 4)), Math.round(n * (0.35 + r.next() * 0.2)),
        Math.round(n * (0.45 + r.next() * 0.3) * (m === 1 || m === 2 ? 1.8 : 1)), Math.round(n * (0.12 + r.next() * 0.1))]);
    }
  }
  writeCsv('doanh-nghiep-dang-ky-moi-theo-thang.csv',
    ['Năm', 'Tháng', 'Số doanh nghiệp thành lập mới', 'Vốn đăng ký (tỷ đồng)', 'Số lao động đăng ký', 'Số doanh nghiệp quay trở lại hoạt động',
      'Số doanh nghiệp tạm ngừng kinh doanh', 'Số doanh nghiệp giải thể'],
    rows);
}

function doanhNghiepMoiQuy1() {
  const r = rng(702);
  const kinds = ['Công ty TNHH một thành viên', 'Công ty TNHH một thành viên', 'Công ty TNHH hai thành viên trở lên', 'Công ty cổ phần', 'Doanh nghiệp tư nhân'];
  const trades: [string, string][] = [
    ['5510 – Dịch vụ lưu trú ngắn ngày', 'Du lịch'], ['5610 – Nhà hàng và các dịch vụ ăn uống phục vụ lưu động', 'Ẩm thực'],
    ['4100 – Xây dựng nhà các loại', 'Xây dựng'], ['4663 – Bán buôn vật liệu, thiết bị lắp đặt khác trong xây dựng', 'Vật liệu xây dựng'],
    ['6201 – Lập trình máy vi tính', 'Công nghệ'], ['7911 – Đại lý du lịch', 'Lữ hành'],
    ['4933 – Vận tải hàng hóa bằng đường bộ', 'Vận tải'], ['0322 – Nuôi trồng thủy sản nội địa', 'Thủy sản'],
    ['1079 – Sản xuất thực phẩm khác chưa được phân vào đâu', 'Thực phẩm'], ['8559 – Giáo dục khác chưa được phân vào đâu', 'Giáo dục'],
    ['6810 – Kinh doanh bất động sản, quyền sử dụng đất', 'Bất động sản'], ['4711 – Bán lẻ lương thực, thực phẩm, đồ uống trong cửa hàng tổng hợp', 'Thương mại'],
    ['4690 – Bán buôn tổng hợp', 'Thương mại Dịch vụ'], ['7110 – Hoạt động kiến trúc và tư vấn kỹ thuật có liên quan', 'Tư vấn Thiết kế'],
  ];
  const brands = ['Hương Giang', 'Ngự Bình', 'Phú Xuân', 'Kim Long', 'Thuận Hóa', 'Vỹ Dạ', 'Tràng Tiền', 'An Phú', 'Minh Long',
    'Đại Phát', 'Thiên Ân', 'Hoàng Gia', 'Bạch Mã', 'Lăng Cô', 'Tam Giang', 'Sông Hương', 'Cố Đô', 'Bảo Long', 'Hưng Thịnh',
    'Tân Phát', 'Việt Huế', 'Thành Công', 'Phúc An', 'Nam Phương', 'Đông Ba', 'Thanh Toàn', 'An Cựu', 'Hải Vân', 'Chân Mây', 'Sen Vàng'];
  const rows: Cell[][] = [];
  const used = new Set<string>();
  let taxNo = 3301712000;
  for (let m = 1; m <= 3; m++) {
    const n = m === 2 ? 18 : 31;
    const days: number[] = [];
    for (let d = 1; d <= daysIn(2024, m); d++) {
      const wd = new Date(Date.UTC(2024, m - 1, d)).getUTCDay();
      const holiday = (m === 1 && d === 1) || (m === 2 && d >= 8 && d <= 14); // New Year's Day, Tết Giáp Thìn
      if (wd !== 0 && wd !== 6 && !holiday) days.push(d);
    }
    for (let k = 0; k < n; k++) {
      const kind = r.pick(kinds);
      const [trade, word] = r.pick(trades);
      let brand = r.pick(brands);
      let name = kind === 'Doanh nghiệp tư nhân' ? `Doanh nghiệp tư nhân ${word} ${brand}` : `${kind.startsWith('Công ty cổ phần') ? 'Công ty Cổ phần' : 'Công ty TNHH'} ${word} ${brand}`;
      while (used.has(name)) {
        brand = r.pick(brands);
        name = `${name.split(' ').slice(0, -2).join(' ')} ${brand} ${r.int(2, 9)}`.replace(/\s+/g, ' ');
      }
      used.add(name);
      const d = r.pick(DISTRICTS.slice(0, 7).concat([HUE, HUE, HUE, HTHUY]));
      const commune = cap(r.pick(COMMUNES[d]));
      const address = d === HUE ? `${r.int(1, 240)} ${r.pick(HUE_STREETS)}, ${COMMUNES[d][r.int(0, 19)]}` : commune.startsWith('Phường') ? `Tổ ${r.int(1, 12)}, ${COMMUNES[d].find((c) => cap(c) === commune)}` : `Thôn ${r.int(1, 8)}, ${commune.replace(/^Xã/, 'xã').replace(/^Thị trấn/, 'thị trấn')}`;
      const capital = kind === 'Công ty cổ phần' ? r.int(3, 40) * 500 : r.int(1, 30) * 100 + (kind === 'Doanh nghiệp tư nhân' ? 0 : 500);
      taxNo += r.int(3, 40);
      rows.push([String(taxNo), name, kind, trade, capital, utcDate(2024, m, days[Math.floor((k / n) * days.length)]), address, d]);
    }
  }
  rows.sort((a, b) => (a[5] as Date).getTime() - (b[5] as Date).getTime());
  writeXlsx('doanh-nghiep-thanh-lap-moi-quy-1-2024.xlsx', [{
    name: 'Quý I-2024',
    header: ['Mã số doanh nghiệp', 'Tên doanh nghiệp', 'Loại hình', 'Ngành nghề kinh doanh chính', 'Vốn điều lệ (triệu đồng)', 'Ngày cấp giấy chứng nhận', 'Địa chỉ trụ sở', 'Huyện/Thị xã'],
    rows,
    formats: { 4: '#,##0' },
    widths: [18, 46, 32, 56, 22, 22, 48, 20],
  }]);
}

// ---------------------------------------------------------------------------------------------
// Sở Lao động – Thương binh và Xã hội

function hoNgheo() {
  const r = rng(801);
  const rate2022: Record<string, [number, number]> = {
    [HUE]: [1.1, 1.6], [HTHUY]: [2.0, 2.7], [HTRA]: [2.6, 3.2], [PDIEN]: [4.1, 4.4], [QDIEN]: [3.6, 4.0],
    [PVANG]: [4.0, 4.3], [PLOC]: [3.8, 4.1], [ALUOI]: [24.5, 9.8], [NDONG]: [11.2, 7.6],
  };
  const rows: Cell[][] = [];
  for (const year of [2022, 2023, 2024]) {
    for (const [d, , pop] of POP) {
      const households = Math.round((pop / (d === ALUOI ? 4.3 : 3.7)) * (1 + (year - 2023) * 0.012));
      const [p, n] = rate2022[d];
      const cut = year === 2022 ? 1 : year === 2023 ? 0.82 : 0.66;
      const poor = Math.round(households * p * cut * r.jitter(0.03) / 100);
      const near = Math.round(households * n * (0.9 + (1 - cut) * 0.2) * r.jitter(0.03) / 100);
      rows.push([year, d, households, poor, round((poor / households) * 100, 2), near, round((near / households) * 100, 2)]);
    }
  }
  writeCsv('ho-ngheo-can-ngheo-theo-huyen.csv',
    ['Năm', 'Huyện/Thị xã/Thành phố', 'Tổng số hộ', 'Số hộ nghèo', 'Tỷ lệ hộ nghèo (%)', 'Số hộ cận nghèo', 'Tỷ lệ hộ cận nghèo (%)'],
    rows);
}

// ---------------------------------------------------------------------------------------------
// Sở Thông tin và Truyền thông

function wifi() {
  const r = rng(901);
  const spots: [string, string, string, number, number][] = [
    ['Công viên Thương Bạc', 'Đường Trần Hưng Đạo, phường Đông Ba', HUE, 16.4705, 107.5880],
    ['Phố đi bộ Nguyễn Đình Chiểu', 'Đường Nguyễn Đình Chiểu, phường Vĩnh Ninh', HUE, 16.4655, 107.5895],
    ['Công viên Phú Xuân', 'Đường Lê Lợi, phường Vĩnh Ninh', HUE, 16.4640, 107.5860],
    ['Ga Huế', '2 Bùi Thị Xuân, phường Thủy Biều', HUE, 16.4565, 107.5780],
    ['Chợ Đông Ba', '2 Trần Hưng Đạo, phường Đông Ba', HUE, 16.4728, 107.5880],
    ['Ngọ Môn – Đại Nội', 'Đường 23 Tháng 8, phường Thuận Hòa', HUE, 16.4673, 107.5784],
    ['Trung tâm Phục vụ hành chính công tỉnh', '01 Lê Lai, phường Vĩnh Ninh', HUE, 16.4610, 107.5900],
    ['Bến xe phía Nam', '97 An Dương Vương, phường An Đông', HUE, 16.4520, 107.6050],
    ['Bến xe phía Bắc', '132 Lý Thái Tổ, phường An Hòa', HUE, 16.4800, 107.5600],
    ['Nghênh Lương Đình – Phu Văn Lâu', 'Đường Lê Duẩn, phường Thuận Hòa', HUE, 16.4665, 107.5805],
    ['Bảo tàng Cổ vật Cung đình Huế', '3 Lê Trực, phường Đông Ba', HUE, 16.4720, 107.5840],
    ['Lăng Tự Đức', '17 Lê Ngô Cát, phường Thủy Xuân', HUE, 16.4335, 107.5635],
    ['Lăng Khải Định', 'Thôn Châu Chữ, phường Thủy Bằng', HUE, 16.3990, 107.5905],
    ['Chùa Thiên Mụ', 'Đường Nguyễn Phúc Nguyên, phường Kim Long', HUE, 16.4530, 107.5450],
    ['Đồi Vọng Cảnh', 'Đường Huyền Trân Công Chúa, phường Thủy Biều', HUE, 16.4330, 107.5600],
    ['Vườn hoa Lý Tự Trọng', 'Đường Lê Lợi, phường Vĩnh Ninh', HUE, 16.4600, 107.5810],
    ['Thư viện Tổng hợp tỉnh', '25 Lê Lợi, phường Vĩnh Ninh', HUE, 16.4625, 107.5850],
    ['Sân vận động Tự Do', 'Đường Lê Quang Đạo, phường Phú Hội', HUE, 16.4625, 107.5960],
    ['Trung tâm Văn hóa Điện ảnh tỉnh', 'Đường Hùng Vương, phường Phú Nhuận', HUE, 16.4610, 107.5960],
    ['Chợ Bến Ngự', 'Đường Phan Bội Châu, phường Phước Vĩnh', HUE, 16.4530, 107.5880],
    ['Chợ An Cựu', 'Đường Hùng Vương, phường An Cựu', HUE, 16.4570, 107.6010],
    ['Chợ Tây Lộc', 'Đường Tăng Bạt Hổ, phường Tây Lộc', HUE, 16.4785, 107.5700],
    ['Bãi biển Thuận An', 'Phường Thuận An', HUE, 16.5680, 107.6380],
    ['Khu đô thị An Vân Dương – Công viên trung tâm', 'Đường Võ Nguyên Giáp, phường Thủy Vân', HUE, 16.4620, 107.6300],
    ['Bệnh viện Trung ương Huế', '16 Lê Lợi, phường Vĩnh Ninh', HUE, 16.4615, 107.5830],
    ['Cảng hàng không quốc tế Phú Bài', 'Phường Phú Bài', HTHUY, 16.4015, 107.7030],
    ['UBND thị xã Hương Thủy', '1 Sóng Hồng, phường Phú Bài', HTHUY, 16.4050, 107.6950],
    ['Cầu ngói Thanh Toàn', 'Thôn Thanh Toàn, xã Thủy Thanh', HTHUY, 16.4840, 107.6720],
    ['UBND thị xã Hương Trà', '2 Cách Mạng Tháng Tám, phường Tứ Hạ', HTRA, 16.5310, 107.4680],
    ['Trung tâm huyện Phong Điền', 'Thị trấn Phong Điền', PDIEN, 16.5850, 107.3520],
    ['Làng cổ Phước Tích', 'Xã Phong Hòa', PDIEN, 16.6150, 107.4100],
    ['Trung tâm huyện Quảng Điền', 'Thị trấn Sịa', QDIEN, 16.5850, 107.5110],
    ['Trung tâm huyện Phú Vang', 'Thị trấn Phú Đa', PVANG, 16.4780, 107.7180],
    ['Trung tâm huyện Phú Lộc', 'Thị trấn Phú Lộc', PLOC, 16.2900, 107.8850],
    ['Bãi biển Lăng Cô', 'Thị trấn Lăng Cô', PLOC, 16.2380, 108.0680],
    ['Vườn quốc gia Bạch Mã – cổng chính', 'Thị trấn Phú Lộc', PLOC, 16.2270, 107.8550],
    ['Trung tâm huyện A Lưới', 'Thị trấn A Lưới', ALUOI, 16.2820, 107.2320],
    ['Trung tâm huyện Nam Đông', 'Thị trấn Khe Tre', NDONG, 16.1700, 107.7200],
  ];
  const rows: Cell[][] = spots.map(([name, addr, d, lat, lon], i) => [
    `WF${pad(i + 1, 3)}`, name, addr, d, lat, lon, 'Hue-WiFi', r.int(1, name.includes('Đại Nội') || name.includes('Phố đi bộ') ? 8 : 4),
    `${2018 + r.int(0, 5)}`, i % 13 === 7 ? 'Tạm ngừng' : 'Đang hoạt động']);
  writeCsv('diem-wifi-cong-cong.csv',
    ['Mã điểm', 'Tên điểm', 'Địa chỉ', 'Huyện/Thị xã', 'Vĩ độ', 'Kinh độ', 'Tên mạng (SSID)', 'Số thiết bị phát', 'Năm lắp đặt', 'Trạng thái'],
    rows);
}

const AGENCIES = ['Sở Kế hoạch và Đầu tư', 'Sở Tài nguyên và Môi trường', 'Sở Giao thông vận tải', 'Sở Xây dựng', 'Sở Y tế',
  'Sở Giáo dục và Đào tạo', 'Sở Lao động – Thương binh và Xã hội', 'Sở Văn hóa và Thể thao', 'Sở Du lịch', 'Sở Thông tin và Truyền thông'];

function dichVuCong() {
  const r = rng(902);
  const volume: Record<string, number> = {
    'Sở Kế hoạch và Đầu tư': 2600, 'Sở Tài nguyên và Môi trường': 3100, 'Sở Giao thông vận tải': 5200, 'Sở Xây dựng': 900,
    'Sở Y tế': 1500, 'Sở Giáo dục và Đào tạo': 1200, 'Sở Lao động – Thương binh và Xã hội': 1800, 'Sở Văn hóa và Thể thao': 300,
    'Sở Du lịch': 250, 'Sở Thông tin và Truyền thông': 180,
  };
  const rows: Cell[][] = [];
  for (let q = 1; q <= 4; q++) {
    for (const a of AGENCIES) {
      const total = Math.round(volume[a] * (0.9 + q * 0.05) * r.jitter(0.08));
      const online = Math.round(total * Math.min(0.99, (0.62 + q * 0.05) * r.jitter(0.08)));
      const done = Math.round(total * (0.93 + r.next() * 0.05));
      const onTime = Math.round(done * (0.965 + r.next() * 0.034));
      rows.push([`Quý ${q}/2024`, a, total, online, round((online / total) * 100, 1), done, onTime, round((onTime / done) * 100, 1)]);
    }
  }
  writeCsv('ho-so-dich-vu-cong-truc-tuyen-2024.csv',
    ['Kỳ báo cáo', 'Cơ quan', 'Tổng số hồ sơ tiếp nhận', 'Số hồ sơ trực tuyến', 'Tỷ lệ trực tuyến (%)', 'Số hồ sơ đã giải quyết', 'Số hồ sơ giải quyết đúng hạn', 'Tỷ lệ đúng hạn (%)'],
    rows);
}

// ---------------------------------------------------------------------------------------------
// Sở Giao thông vận tải

function xeBuyt() {
  const routes: [string, string, string, string, string, number, number, string, string, number, number, string][] = [
    ['01', 'Bến xe phía Bắc – Bến xe phía Nam', 'Bến xe phía Bắc', 'Bến xe phía Nam', 'Lý Thái Tổ – Lê Duẩn – Hùng Vương – An Dương Vương', 9.5, 60, '05:30', '19:00', 15, 7000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['02', 'Bến xe phía Nam – Thuận An', 'Bến xe phía Nam', 'Chợ Thuận An', 'Hùng Vương – Bà Triệu – Nguyễn Sinh Cung – Nguyễn Văn Tuyết', 15.2, 48, '05:30', '18:30', 20, 10000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['03', 'Trung tâm thành phố – Cảng hàng không Phú Bài', 'Phố đi bộ Nguyễn Đình Chiểu', 'Cảng hàng không Phú Bài', 'Lê Lợi – Hùng Vương – Quốc lộ 1A – Nguyễn Tất Thành', 16.8, 40, '04:30', '21:00', 30, 20000, 'Hợp tác xã Vận tải Sông Hương'],
    ['04', 'Huế – Phong Điền', 'Bến xe phía Bắc', 'Thị trấn Phong Điền', 'Quốc lộ 1A – Tứ Hạ – Phong An', 32.0, 36, '05:15', '18:00', 30, 20000, 'Hợp tác xã Vận tải Sông Hương'],
    ['05', 'Huế – Sịa', 'Bến xe phía Bắc', 'Thị trấn Sịa', 'Tỉnh lộ 19 – Quảng Phú – Sịa', 22.5, 32, '05:30', '18:00', 35, 15000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['06', 'Huế – Tứ Hạ', 'Chợ Đông Ba', 'Phường Tứ Hạ', 'Trần Hưng Đạo – Lý Thái Tổ – Quốc lộ 1A', 17.0, 40, '05:30', '18:30', 25, 12000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['07', 'Huế – Phú Lộc – Lăng Cô', 'Bến xe phía Nam', 'Thị trấn Lăng Cô', 'Quốc lộ 1A – Phú Bài – Phú Lộc – Lăng Cô', 62.0, 24, '05:00', '17:30', 45, 35000, 'Hợp tác xã Vận tải Sông Hương'],
    ['08', 'Huế – Khe Tre', 'Bến xe phía Nam', 'Thị trấn Khe Tre', 'Quốc lộ 1A – Quốc lộ 49B – Tỉnh lộ 14B', 55.0, 12, '05:30', '16:30', 60, 30000, 'Hợp tác xã Vận tải Sông Hương'],
    ['09', 'Huế – A Lưới', 'Bến xe phía Bắc', 'Thị trấn A Lưới', 'Quốc lộ 49 – Bình Điền – đường Hồ Chí Minh', 70.0, 10, '05:00', '15:30', 75, 40000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['10', 'Tuyến du lịch Đại Nội – Lăng Tự Đức – Lăng Khải Định', 'Ngọ Môn', 'Lăng Khải Định', 'Lê Duẩn – Điện Biên Phủ – Lê Ngô Cát – Minh Mạng', 14.5, 16, '07:30', '17:00', 40, 15000, 'Công ty CP Du lịch Hương Giang'],
    ['11', 'Chợ Đông Ba – Chùa Thiên Mụ – Kim Long', 'Chợ Đông Ba', 'Chùa Thiên Mụ', 'Trần Hưng Đạo – Lê Duẩn – Kim Long – Nguyễn Phúc Nguyên', 6.8, 30, '06:00', '18:00', 25, 7000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['12', 'Huế – Phú Đa', 'Bến xe phía Nam', 'Thị trấn Phú Đa', 'Tỉnh lộ 10A – Phú Mỹ – Phú Đa', 19.5, 28, '05:30', '18:00', 35, 12000, 'Hợp tác xã Vận tải Sông Hương'],
    ['13', 'Huế – Vinh Thanh', 'Bến xe phía Nam', 'Xã Vinh Thanh', 'Thuận An – Tỉnh lộ 49A – Vinh Thanh', 28.0, 20, '05:30', '17:30', 45, 15000, 'Hợp tác xã Vận tải Sông Hương'],
    ['14', 'Huế – Hải Dương', 'Chợ Đông Ba', 'Xã Hải Dương', 'Thuận An – cầu Thuận An – Hải Dương', 17.5, 16, '06:00', '17:30', 50, 10000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['15', 'Bến xe phía Nam – Thủy Thanh', 'Bến xe phía Nam', 'Cầu ngói Thanh Toàn', 'Thủy Dương – Thủy Thanh', 9.0, 24, '06:00', '18:00', 40, 8000, 'Hợp tác xã Vận tải Sông Hương'],
    ['16', 'Huế – Điền Hải', 'Bến xe phía Bắc', 'Xã Điền Hải', 'Quốc lộ 1A – Tỉnh lộ 6 – Điền Hải', 42.0, 14, '05:30', '16:30', 60, 25000, 'Công ty CP Xe khách Thừa Thiên Huế'],
    ['17', 'Huế – Vinh Hiền', 'Bến xe phía Nam', 'Xã Vinh Hiền', 'Quốc lộ 1A – Tỉnh lộ 21 – Vinh Hiền', 48.0, 12, '05:30', '16:30', 60, 25000, 'Hợp tác xã Vận tải Sông Hương'],
    ['18', 'Bến xe phía Bắc – Lăng Minh Mạng', 'Bến xe phía Bắc', 'Lăng Minh Mạng', 'Kim Long – Văn Thánh – Hương Hồ – Minh Mạng', 14.0, 16, '06:30', '17:30', 45, 10000, 'Công ty CP Du lịch Hương Giang'],
    ['19', 'Huế – Chân Mây', 'Bến xe phía Nam', 'Khu kinh tế Chân Mây – Lăng Cô', 'Quốc lộ 1A – Lộc Vĩnh – cảng Chân Mây', 58.0, 14, '05:00', '17:30', 60, 30000, 'Hợp tác xã Vận tải Sông Hương'],
    ['20', 'Xe buýt điện nội thành Đại học Huế – Ga Huế – Vỹ Dạ', 'Đại học Huế (3 Lê Lợi)', 'Chợ Vỹ Dạ', 'Lê Lợi – Bùi Thị Xuân – Hùng Vương – Nguyễn Sinh Cung', 8.2, 56, '06:00', '21:00', 15, 7000, 'Công ty TNHH Giao thông xanh Huế'],
  ];
  writeCsv('tuyen-xe-buyt.csv',
    ['Mã tuyến', 'Tên tuyến', 'Điểm đầu', 'Điểm cuối', 'Lộ trình chính', 'Cự ly (km)', 'Số chuyến/ngày', 'Giờ chuyến đầu', 'Giờ chuyến cuối', 'Giãn cách (phút)', 'Giá vé (đồng/lượt)', 'Đơn vị khai thác'],
    routes);
}

function taiNanGiaoThong() {
  const r = rng(1001);
  const rows: Cell[][] = [];
  const season = [1.25, 1.3, 0.95, 1.0, 0.95, 1.0, 1.05, 1.0, 0.9, 0.85, 0.8, 0.95];
  for (const [year, perMonth] of [[2022, 14], [2023, 12.5], [2024, 11.5]] as const) {
    for (let m = 1; m <= 12; m++) {
      const accidents = Math.max(4, Math.round(perMonth * season[m - 1] * r.jitter(0.25)));
      const deaths = Math.max(2, Math.round(accidents * (0.62 + r.next() * 0.2)));
      const injured = Math.round(accidents * (0.8 + r.next() * 0.5));
      const water = r.next() < 0.12 ? 1 : 0;
      const rail = r.next() < 0.15 ? 1 : 0;
      rows.push([year, m, accidents, deaths, injured, accidents - water - rail, water, rail]);
    }
  }
  writeCsv('tai-nan-giao-thong-theo-thang.csv',
    ['Năm', 'Tháng', 'Số vụ tai nạn', 'Số người chết', 'Số người bị thương', 'Đường bộ (vụ)', 'Đường thủy (vụ)', 'Đường sắt (vụ)'], rows);
}

function baoTriDuongBo() {
  const r = rng(1002);
  const routes: [string, string, string][] = [
    ['Quốc lộ 49', 'Km8+000 – Km14+500', HTRA], ['Quốc lộ 49', 'Km43+200 – Km50+000', ALUOI], ['Quốc lộ 49A', 'Km0+000 – Km6+300', PVANG],
    ['Quốc lộ 49B', 'Km20+000 – Km27+400', QDIEN], ['Quốc lộ 49B', 'Km61+000 – Km66+800', PLOC], ['Đường Hồ Chí Minh nhánh Tây', 'Km375+000 – Km382+000', ALUOI],
    ['Tỉnh lộ 10A', 'Km2+100 – Km9+000', PVANG], ['Tỉnh lộ 11B', 'Km0+000 – Km5+500', PDIEN], ['Tỉnh lộ 14B', 'Km12+000 – Km20+000', NDONG],
    ['Tỉnh lộ 19', 'Km3+000 – Km8+600', QDIEN], ['Tỉnh lộ 21', 'Km0+000 – Km4+200', PLOC], ['Tỉnh lộ 8A', 'Km5+000 – Km11+000', HTRA],
    ['Tỉnh lộ 6', 'Km0+000 – Km7+300', PDIEN], ['Đường Tự Đức – Thuận An', 'Km0+000 – Km4+000', HUE], ['Đường Võ Văn Kiệt', 'Toàn tuyến', HUE],
    ['Đường Nguyễn Tất Thành', 'Km2+500 – Km6+000', HTHUY], ['Tỉnh lộ 3', 'Km0+000 – Km6+000', HTHUY], ['Tỉnh lộ 17', 'Km4+000 – Km9+500', PDIEN],
    ['Đường Lê Duẩn', 'Cầu Phú Xuân – Cửa Chánh Tây', HUE], ['Đường Minh Mạng', 'Toàn tuyến', HUE],
  ];
  const items = ['Sửa chữa mặt đường bê tông nhựa', 'Sửa chữa định kỳ, thảm tăng cường', 'Khắc phục hư hỏng do mưa lũ', 'Gia cố lề, rãnh thoát nước',
    'Sơn vạch, bổ sung biển báo', 'Sửa chữa cầu, cống trên tuyến', 'Xử lý điểm đen tai nạn giao thông'];
  const builders = ['Công ty CP Quản lý và Xây dựng giao thông Thừa Thiên Huế', 'Công ty TNHH Xây dựng Trường Sơn Huế', 'Công ty CP Đầu tư Xây dựng Phú Xuân', 'Công ty TNHH Xây dựng Hải Vân'];
  const rows: Cell[][] = routes.map(([route, km, d], i) => {
    const startM = r.int(2, 8);
    const start = utcDate(2024, startM, r.int(1, 25));
    const dur = r.int(45, 150);
    const end = new Date(start.getTime() + dur * 86400000);
    const progress = end.getTime() < Date.UTC(2024, 9, 31) ? 100 : r.int(4, 9) * 10;
    return [`BT24-${pad(i + 1, 3)}`, `${r.pick(items)} ${route}, đoạn ${km}`, route, km, d, roundTo(r.int(800, 14000), 50), start, end, progress, r.pick(builders)];
  });
  writeXlsx('ke-hoach-bao-tri-duong-bo-2024.xlsx', [{
    name: 'Kế hoạch 2024',
    header: ['Mã công trình', 'Tên công trình', 'Tuyến đường', 'Lý trình', 'Huyện/Thị xã', 'Kinh phí (triệu đồng)', 'Ngày khởi công', 'Ngày hoàn thành dự kiến', 'Tiến độ (%)', 'Đơn vị thi công'],
    rows,
    formats: { 5: '#,##0' },
    widths: [14, 70, 26, 28, 18, 20, 16, 22, 12, 50],
  }]);
}

// ---------------------------------------------------------------------------------------------

fs.mkdirSync(OUT, { recursive: true });
coSoKhamChuaBenh();
luotKhamChuaBenh();
luotKhachDuLich();
coSoLuuTru();
diTich();
leHoi();
khachThamQuanDiTich();
truongHoc();
ketQuaThiTHPT();
chatLuongKhongKhi();
giaDat();
quanTracNuocMat();
danSo();
cpi();
nienGiam();
doanhNghiepTheoThang();
doanhNghiepMoiQuy1();
hoNgheo();
wifi();
dichVuCong();
xeBuyt();
taiNanGiaoThong();
baoTriDuongBo();
