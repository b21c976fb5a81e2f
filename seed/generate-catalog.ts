// Realistic catalogs of any size for benchmarks: Vietnamese and English titles and descriptions,
// 50 organizations, 2,000 tags, 1–8 resources per dataset, varied formats, licenses and dates.
// Deterministic: the same seed gives the same catalog.

export interface GeneratedOrg { name: string; title: string }
export interface GeneratedDataset {
  name: string;
  title: string;
  notes: string;
  owner_org: string;
  license_id: string;
  tags: string[];
  metadata_created: string;
  metadata_modified: string;
  extras: Record<string, string>;
  resources: { name: string; format: string; url: string; description: string }[];
}

const SUBJECTS_VI = ['dân số', 'du lịch', 'y tế', 'giáo dục', 'giao thông', 'môi trường', 'đất đai', 'doanh nghiệp', 'nông nghiệp', 'thủy sản',
  'lao động', 'việc làm', 'giá cả', 'ngân sách', 'đầu tư', 'xây dựng', 'văn hóa', 'di tích', 'lễ hội', 'thể thao', 'khí tượng', 'lượng mưa',
  'chất lượng nước', 'không khí', 'rác thải', 'điện năng', 'nước sạch', 'bệnh viện', 'trường học', 'xe buýt', 'an sinh', 'hộ nghèo'];
const SUBJECTS_EN = ['population', 'tourism', 'health', 'education', 'transport', 'environment', 'land', 'business', 'agriculture', 'fisheries',
  'employment', 'prices', 'budget', 'investment', 'culture', 'heritage', 'weather', 'water quality', 'air quality', 'energy'];
const PLACES = ['Huế', 'Hương Thủy', 'Hương Trà', 'Phong Điền', 'Quảng Điền', 'Phú Vang', 'Phú Lộc', 'A Lưới', 'Nam Đông', 'Đà Nẵng',
  'Quảng Trị', 'Quảng Nam', 'Hà Nội', 'Thành phố Hồ Chí Minh', 'Cần Thơ', 'Sóc Trăng', 'Phú Yên', 'Lăng Cô', 'Thuận An', 'Chân Mây'];
const KINDS_VI = ['Thống kê', 'Danh sách', 'Số liệu', 'Báo cáo', 'Bản đồ', 'Chỉ số', 'Kết quả', 'Tình hình'];
const KINDS_EN = ['Statistics of', 'List of', 'Report on', 'Map of', 'Index of'];
const PERIODS = ['theo tháng', 'theo quý', 'năm 2022', 'năm 2023', 'năm 2024', 'giai đoạn 2020-2025', 'theo huyện', 'theo xã'];
const AGENCIES = ['Sở', 'Ban', 'Trung tâm', 'Chi cục', 'Cục', 'Văn phòng'];
const FIELDS = ['Y tế', 'Du lịch', 'Giáo dục và Đào tạo', 'Tài nguyên và Môi trường', 'Kế hoạch và Đầu tư', 'Văn hóa và Thể thao',
  'Lao động - Thương binh và Xã hội', 'Giao thông vận tải', 'Nông nghiệp và Phát triển nông thôn', 'Công Thương', 'Tài chính', 'Xây dựng',
  'Thông tin và Truyền thông', 'Nội vụ', 'Tư pháp', 'Khoa học và Công nghệ', 'Thống kê'];
const FORMATS = ['CSV', 'CSV', 'CSV', 'XLSX', 'XLSX', 'JSON', 'PDF', 'XML', 'GeoJSON', 'API', 'ZIP', 'DOCX'];
const LICENSES = ['cc-by', 'cc-by', 'cc-by-sa', 'cc-zero', 'odc-by', 'odc-odbl', 'other-open', 'notspecified'];

/** Mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

function iso(ms: number, micros: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}`;
}

export function generateOrganizations(count = 50, seed = 1): GeneratedOrg[] {
  const r = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const title = `${AGENCIES[Math.floor(r() * AGENCIES.length)]} ${FIELDS[i % FIELDS.length]}${i >= FIELDS.length ? ` ${PLACES[i % PLACES.length]}` : ''}`;
    return { name: `${slug(title)}-${i}`, title };
  });
}

export function generateTags(count = 2000, seed = 2): string[] {
  const r = prng(seed);
  const out = new Set<string>();
  const pool = [...SUBJECTS_VI, ...SUBJECTS_EN, ...PLACES.map((p) => p.toLowerCase())];
  while (out.size < count) {
    const a = pool[Math.floor(r() * pool.length)]!;
    const b = pool[Math.floor(r() * pool.length)]!;
    out.add(out.size < pool.length ? pool[out.size]! : `${a} ${b}`.slice(0, 60));
  }
  return [...out];
}

/** Yields datasets one at a time, so a million never sit in memory together. */
export function* generateDatasets(count: number, orgs: GeneratedOrg[], tags: string[], seed = 3): Generator<GeneratedDataset> {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const start = Date.UTC(2018, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  for (let i = 0; i < count; i++) {
    const english = r() < 0.2;
    const subject = english ? pick(SUBJECTS_EN) : pick(SUBJECTS_VI);
    const place = pick(PLACES);
    const title = english ? `${pick(KINDS_EN)} ${subject} in ${place}` : `${pick(KINDS_VI)} ${subject} ${pick(PERIODS)} tại ${place}`;
    const created = start + Math.floor(r() * span);
    const modified = created + Math.floor(r() * (start + span - created));
    const nTags = 1 + Math.floor(r() * 6);
    const nRes = 1 + Math.floor(r() * 8);
    yield {
      name: `${slug(title).slice(0, 70)}-${i}`,
      title,
      notes: english
        ? `Open data on ${subject} in ${place}, published by the provincial agency. Updated ${pick(['monthly', 'quarterly', 'yearly'])}.`
        : `Dữ liệu mở về ${subject} tại ${place}, do cơ quan chuyên môn của tỉnh công bố. Cập nhật ${pick(['hàng tháng', 'hàng quý', 'hàng năm'])}.`,
      owner_org: pick(orgs).name,
      license_id: pick(LICENSES),
      tags: [...new Set(Array.from({ length: nTags }, () => pick(tags)))],
      metadata_created: iso(created, Math.floor(r() * 1e6)),
      metadata_modified: iso(modified, Math.floor(r() * 1e6)),
      extras: { update_frequency: pick(['Hàng tháng', 'Hàng quý', 'Hàng năm']), spatial_text: place },
      resources: Array.from({ length: nRes }, (_, j) => {
        const format = pick(FORMATS);
        return { name: `${english ? 'Data' : 'Dữ liệu'} ${j + 1}`, format, description: `${subject} (${format})`, url: `https://data.example.vn/${i}/${j}.${format.toLowerCase()}` };
      }),
    };
  }
}
