// Writes the demo catalog's CSV and XLSX files into seed/demo/files/. Deterministic (seeded), so
// running it again gives the same bytes. Run: node --import tsx seed/make-demo-files.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';

const out = fileURLToPath(new URL('./demo/files/', import.meta.url));
mkdirSync(out, { recursive: true });

let state = 20240101;
const rnd = () => ((state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const dec = (a: number, b: number, digits = 1) => Number((a + rnd() * (b - a)).toFixed(digits));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const HUYEN = ['Thành phố Huế', 'Thị xã Hương Thủy', 'Thị xã Hương Trà', 'Huyện Phong Điền', 'Huyện Quảng Điền',
  'Huyện Phú Vang', 'Huyện Phú Lộc', 'Huyện A Lưới', 'Huyện Nam Đông'] as const;
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const STREETS = ['Lê Lợi', 'Hùng Vương', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Điện Biên Phủ', 'Lý Thường Kiệt', 'Hà Nội', 'Bà Triệu', 'Phạm Văn Đồng', 'Tố Hữu'];
const addr = () => `${int(1, 250)} ${pick(STREETS)}`;
const phone = () => `0234 ${int(3500000, 3999999)}`;

type Table = { header: string[]; rows: (string | number | Date)[][] };
const tables: Record<string, Table> = {};
const add = (name: string, header: string[], rows: (string | number | Date)[][]) => { tables[name] = { header, rows }; };

add('co-so-kham-chua-benh', ['Tên cơ sở', 'Loại hình', 'Địa chỉ', 'Huyện/Thị xã', 'Số giường', 'Điện thoại'], [
  ['Bệnh viện Trung ương Huế', 'Bệnh viện hạng đặc biệt', '16 Lê Lợi', 'Thành phố Huế', 3500, '0234 3822325'],
  ['Bệnh viện Đại học Y Dược Huế', 'Bệnh viện hạng I', '41 Nguyễn Huệ', 'Thành phố Huế', 1000, '0234 3890888'],
  ['Bệnh viện Mắt Huế', 'Bệnh viện chuyên khoa', '44 Tố Hữu', 'Thành phố Huế', 150, phone()],
  ...HUYEN.slice(1).map((h) => [`Trung tâm Y tế ${h.replace(/^(Huyện|Thị xã) /, '')}`, 'Trung tâm y tế huyện', addr(), h, int(80, 250), phone()]),
  ...Array.from({ length: 40 }, (_, i) => {
    const h = pick(HUYEN);
    return [`Trạm Y tế xã số ${i + 1} (${h.replace(/^(Huyện|Thị xã|Thành phố) /, '')})`, 'Trạm y tế xã', addr(), h, int(3, 10), phone()];
  }),
]);
add('nhan-luc-y-te', ['Huyện/Thị xã', 'Bác sĩ', 'Y sĩ', 'Điều dưỡng', 'Hộ sinh', 'Dược sĩ đại học'], HUYEN.map((h) => [h, int(40, 900), int(20, 120), int(60, 1800), int(10, 90), int(5, 120)]));
add('tiem-chung', ['Tháng', 'Huyện/Thị xã', 'Số trẻ dưới 1 tuổi', 'Tiêm chủng đầy đủ', 'Tỷ lệ (%)'], MONTHS.slice(12).flatMap((m) => HUYEN.map((h) => {
  const n = int(100, 900);
  const done = Math.round(n * dec(0.9, 0.995, 3));
  return [m, h, n, done, Number(((done / n) * 100).toFixed(1))];
})));
add('benh-truyen-nhiem', ['Tuần', 'Bệnh', 'Số ca mắc', 'Tử vong'], Array.from({ length: 20 }, (_, i) => [`2024-W${String(i + 1).padStart(2, '0')}`, pick(['Sốt xuất huyết', 'Tay chân miệng', 'Cúm A', 'Thủy đậu']), int(0, 60), 0]));
add('luot-khach-du-lich', ['Tháng', 'Khách quốc tế (lượt)', 'Khách nội địa (lượt)', 'Tổng lượt khách', 'Doanh thu (triệu đồng)'], MONTHS.map((m) => {
  const qt = int(40000, 160000);
  const nd = int(120000, 380000);
  return [m, qt, nd, qt + nd, int(300000, 1200000)];
}));
add('co-so-luu-tru', ['Tên cơ sở', 'Hạng', 'Số phòng', 'Địa chỉ', 'Huyện/Thị xã'], Array.from({ length: 60 }, (_, i) => [
  `${pick(['Khách sạn', 'Homestay', 'Nhà nghỉ', 'Resort'])} ${pick(['Sông Hương', 'Kinh Thành', 'Hoàng Cung', 'Ngự Bình', 'Lăng Cô', 'Vỹ Dạ', 'Thuận An', 'Bạch Mã'])} ${i + 1}`,
  pick(['5 sao', '4 sao', '3 sao', '2 sao', '1 sao', 'Đạt chuẩn']), int(5, 250), addr(), pick(HUYEN)]));
add('diem-den-du-lich', ['Tên điểm đến', 'Loại hình', 'Huyện/Thị xã', 'Vĩ độ', 'Kinh độ'], [
  ['Đại Nội Huế', 'Di tích', 'Thành phố Huế', 16.4698, 107.5787], ['Lăng Tự Đức', 'Di tích', 'Thành phố Huế', 16.4334, 107.5664],
  ['Lăng Khải Định', 'Di tích', 'Thị xã Hương Thủy', 16.3994, 107.5902], ['Chùa Thiên Mụ', 'Tôn giáo', 'Thành phố Huế', 16.4532, 107.5446],
  ['Biển Lăng Cô', 'Biển', 'Huyện Phú Lộc', 16.2376, 108.0717], ['Vườn quốc gia Bạch Mã', 'Sinh thái', 'Huyện Phú Lộc', 16.1942, 107.8537],
  ['Đầm Chuồn', 'Sinh thái', 'Huyện Phú Vang', 16.5283, 107.6826], ['Phá Tam Giang', 'Sinh thái', 'Huyện Quảng Điền', 16.6212, 107.5192],
  ['Làng cổ Phước Tích', 'Làng nghề', 'Huyện Phong Điền', 16.6603, 107.3342], ['Cầu ngói Thanh Toàn', 'Di tích', 'Thị xã Hương Thủy', 16.4958, 107.6439],
]);
add('tourism-statistics', ['Year', 'International arrivals', 'Domestic arrivals', 'Average stay (days)', 'Revenue (billion VND)'], [2019, 2020, 2021, 2022, 2023].map((y) => [y, int(300000, 2100000), int(800000, 2900000), dec(1.6, 2.4), int(2000, 12000)]));
add('truong-hoc', ['Tên trường', 'Cấp học', 'Loại hình', 'Huyện/Thị xã', 'Số lớp', 'Số học sinh'], Array.from({ length: 80 }, (_, i) => {
  const cap = pick(['Tiểu học', 'THCS', 'THPT']);
  return [`Trường ${cap} ${pick(['Nguyễn Tri Phương', 'Lê Quý Đôn', 'Hai Bà Trưng', 'Quốc Học', 'Phan Bội Châu', 'Trần Phú', 'Nguyễn Du', 'Kim Đồng'])} ${i + 1}`,
    cap, pick(['Công lập', 'Công lập', 'Tư thục']), pick(HUYEN), int(8, 45), int(200, 1600)];
}));
add('ket-qua-thi', ['Năm', 'Số thí sinh', 'Tỷ lệ đỗ (%)', 'Điểm TB Toán', 'Điểm TB Ngữ văn', 'Điểm TB Tiếng Anh'], [2019, 2020, 2021, 2022, 2023].map((y) => [y, int(11000, 13500), dec(96, 99.5), dec(5.8, 7), dec(6.2, 7.4), dec(4.8, 6.2)]));
add('chat-luong-khong-khi', ['Ngày', 'Trạm', 'AQI', 'PM2.5 (µg/m³)', 'PM10 (µg/m³)', 'Đánh giá'], Array.from({ length: 90 }, (_, i) => {
  const aqi = int(20, 140);
  return [new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 3))), pick(['Trạm Lê Lợi', 'Trạm Hùng Vương', 'Trạm Tố Hữu']), aqi, dec(5, 60), dec(10, 90),
    aqi <= 50 ? 'Tốt' : aqi <= 100 ? 'Trung bình' : 'Kém'];
}));
add('quan-trac-nuoc', ['Điểm quan trắc', 'Quý', 'pH', 'DO (mg/l)', 'BOD5 (mg/l)', 'COD (mg/l)', 'TSS (mg/l)'], ['Cầu Tràng Tiền', 'Cầu Phú Xuân', 'Ngã ba Tuần', 'Kim Long', 'Cửa Thuận An'].flatMap((d) =>
  ['2024-Q1', '2024-Q2', '2024-Q3'].map((q) => [d, q, dec(6.5, 7.8), dec(5, 7.5), dec(1, 6), dec(4, 15), dec(5, 40)])));
add('bang-gia-dat', ['Tên đường', 'Đoạn từ', 'Đến', 'Vị trí 1 (nghìn đồng/m²)', 'Vị trí 2', 'Vị trí 3'], STREETS.map((s) => {
  const v1 = int(8000, 65000);
  return [s, 'Đầu đường', 'Cuối đường', v1, Math.round(v1 * 0.6), Math.round(v1 * 0.4)];
}));
add('rac-thai', ['Tháng', 'Huyện/Thị xã', 'Khối lượng thu gom (tấn/ngày)', 'Tỷ lệ thu gom (%)'], MONTHS.slice(12).flatMap((m) => HUYEN.map((h) => [m, h, dec(5, 260), dec(70, 99)])));
add('luong-mua', ['Tháng', 'Trạm', 'Lượng mưa (mm)'], MONTHS.flatMap((m) => ['Huế', 'A Lưới', 'Nam Đông', 'Phú Ốc'].map((s) => [m, s, dec(10, 1200)])));
add('doanh-nghiep-moi', ['Tháng', 'Ngành', 'Số doanh nghiệp', 'Vốn đăng ký (tỷ đồng)'], MONTHS.flatMap((m) => ['Thương mại', 'Du lịch - dịch vụ', 'Xây dựng', 'Công nghiệp', 'Nông nghiệp'].map((n) => [m, n, int(3, 60), dec(5, 600)])));
add('du-an-dau-tu', ['Tên dự án', 'Lĩnh vực', 'Địa điểm', 'Quy mô (ha)', 'Vốn dự kiến (tỷ đồng)'], Array.from({ length: 25 }, (_, i) => [
  `${pick(['Khu du lịch sinh thái', 'Khu công nghiệp', 'Khu đô thị mới', 'Trung tâm thương mại', 'Nhà máy chế biến'])} ${pick(['Chân Mây', 'Phong Điền', 'An Vân Dương', 'Lăng Cô', 'Hương Sơ'])} ${i + 1}`,
  pick(['Du lịch', 'Công nghiệp', 'Đô thị', 'Thương mại', 'Nông nghiệp']), pick(HUYEN), dec(2, 400), int(50, 9000)]));
add('di-tich', ['Tên di tích', 'Cấp xếp hạng', 'Loại hình', 'Huyện/Thị xã'], [
  ['Kinh thành Huế', 'Quốc gia đặc biệt', 'Kiến trúc nghệ thuật', 'Thành phố Huế'], ['Lăng Gia Long', 'Quốc gia đặc biệt', 'Kiến trúc nghệ thuật', 'Thành phố Huế'],
  ['Lăng Minh Mạng', 'Quốc gia đặc biệt', 'Kiến trúc nghệ thuật', 'Thị xã Hương Trà'], ['Điện Hòn Chén', 'Quốc gia', 'Tín ngưỡng', 'Thị xã Hương Trà'],
  ['Đàn Nam Giao', 'Quốc gia đặc biệt', 'Kiến trúc nghệ thuật', 'Thành phố Huế'], ['Chùa Từ Đàm', 'Quốc gia', 'Lịch sử', 'Thành phố Huế'],
  ['Thành Lồi', 'Quốc gia', 'Khảo cổ', 'Thành phố Huế'], ['Nhà lưu niệm Bác Hồ', 'Quốc gia', 'Lịch sử', 'Thành phố Huế'],
  ...Array.from({ length: 30 }, (_, i) => [`Đình làng số ${i + 1}`, 'Cấp tỉnh', pick(['Kiến trúc nghệ thuật', 'Lịch sử']), pick(HUYEN)]),
]);
add('le-hoi', ['Tên lễ hội', 'Thời gian (âm lịch)', 'Địa điểm', 'Quy mô'], [
  ['Festival Huế', 'Tháng 4, 6 (dương lịch)', 'Thành phố Huế', 'Quốc tế'], ['Lễ hội Điện Huệ Nam', 'Tháng 3 và tháng 7', 'Thị xã Hương Trà', 'Tỉnh'],
  ['Lễ tế Nam Giao', 'Tháng 2', 'Thành phố Huế', 'Tỉnh'], ['Lễ hội Cầu Ngư', 'Tháng Giêng', 'Huyện Phú Vang', 'Huyện'],
  ['Lễ hội đua ghe trên sông Hương', 'Tháng 9 (2/9 dương lịch)', 'Thành phố Huế', 'Tỉnh'], ['Lễ hội A Riêu Ping', 'Tháng 3', 'Huyện A Lưới', 'Huyện'],
  ['Lễ hội Vật làng Sình', 'Mùng 10 tháng Giêng', 'Huyện Phú Vang', 'Huyện'], ['Lễ hội Huế Phật đản', 'Tháng 4', 'Thành phố Huế', 'Tỉnh'],
]);
add('lao-dong', ['Năm', 'Ngành kinh tế', 'Số lao động (nghìn người)'], [2021, 2022, 2023].flatMap((y) => ['Nông, lâm nghiệp và thủy sản', 'Công nghiệp và xây dựng', 'Dịch vụ'].map((n) => [y, n, dec(100, 330)])));
add('ho-ngheo', ['Huyện/Thị xã', 'Tổng số hộ', 'Hộ nghèo', 'Hộ cận nghèo', 'Tỷ lệ hộ nghèo (%)'], HUYEN.map((h) => {
  const t = int(8000, 120000);
  const n = Math.round(t * dec(0.005, 0.2, 3));
  return [h, t, n, Math.round(t * dec(0.01, 0.1, 3)), Number(((n / t) * 100).toFixed(2))];
}));
add('dan-so-theo-huyen', ['Huyện/Thị xã', 'Diện tích (km²)', 'Dân số trung bình (người)', 'Mật độ (người/km²)'], HUYEN.map((h) => {
  const area = dec(70, 1230);
  const pop = int(23000, 460000);
  return [h, area, pop, Math.round(pop / area)];
}));
add('grdp', ['Năm', 'Nông, lâm nghiệp và thủy sản (tỷ đồng)', 'Công nghiệp và xây dựng (tỷ đồng)', 'Dịch vụ (tỷ đồng)', 'Thuế sản phẩm (tỷ đồng)'], [2019, 2020, 2021, 2022, 2023].map((y) => [y, int(4000, 6000), int(14000, 22000), int(24000, 34000), int(4000, 6500)]));
add('cpi', ['Tháng', 'CPI so với cùng kỳ (%)', 'Lương thực - thực phẩm (%)', 'Nhà ở, điện nước (%)', 'Giao thông (%)'], MONTHS.map((m) => [m, dec(100.5, 104.5, 2), dec(99, 106, 2), dec(100, 108, 2), dec(95, 110, 2)]));
add('tuyen-xe-buyt', ['Số hiệu', 'Điểm đầu', 'Điểm cuối', 'Cự ly (km)', 'Giờ hoạt động', 'Giá vé (đồng)'], [
  ['01', 'Bến xe phía Nam', 'Thuận An', 17, '05:30 - 19:00', 10000], ['02', 'Bến xe phía Bắc', 'Đại học Sư phạm', 12, '05:30 - 18:30', 8000],
  ['03', 'Phú Bài', 'Chợ Đông Ba', 15, '05:00 - 19:00', 10000], ['04', 'Chợ Đông Ba', 'Lăng Cô', 65, '05:00 - 17:30', 30000],
  ['05', 'Chợ Đông Ba', 'A Lưới', 70, '05:30 - 16:00', 40000], ['06', 'Bến xe phía Bắc', 'Phong Điền', 33, '05:30 - 18:00', 15000],
]);
add('tai-nan-giao-thong', ['Tháng', 'Số vụ', 'Số người chết', 'Số người bị thương'], MONTHS.map((m) => [m, int(3, 25), int(1, 12), int(2, 20)]));
add('dich-vu-cong', ['Tháng', 'Cơ quan', 'Hồ sơ tiếp nhận', 'Giải quyết đúng hạn', 'Giải quyết trễ hạn'], MONTHS.slice(12).flatMap((m) => ['Sở Kế hoạch và Đầu tư', 'Sở Tài nguyên và Môi trường', 'Sở Y tế', 'Sở Giao thông vận tải'].map((c) => {
  const n = int(200, 3000);
  const late = int(0, Math.round(n * 0.03));
  return [m, c, n, n - late, late];
})));
add('diem-wifi', ['Tên điểm', 'Địa chỉ', 'Vĩ độ', 'Kinh độ'], Array.from({ length: 30 }, (_, i) => [`Điểm Wi-Fi ${pick(['Phố đi bộ', 'Công viên', 'Bến thuyền', 'Chợ', 'Bảo tàng'])} ${i + 1}`, addr(), dec(16.44, 16.49, 5), dec(107.55, 107.61, 5)]));
add('danh-muc-du-lieu-mo', ['STT', 'Tên dữ liệu', 'Cơ quan chủ trì', 'Tần suất cập nhật'], [
  [1, 'Danh sách cơ sở khám chữa bệnh', 'Sở Y tế', 'Hàng quý'], [2, 'Số lượt khách du lịch', 'Sở Du lịch', 'Hàng tháng'],
  [3, 'Danh sách trường học', 'Sở Giáo dục và Đào tạo', 'Hàng năm'], [4, 'Chất lượng không khí', 'Sở Tài nguyên và Môi trường', 'Hàng ngày'],
  [5, 'Doanh nghiệp đăng ký mới', 'Sở Kế hoạch và Đầu tư', 'Hàng tháng'], [6, 'Di tích được xếp hạng', 'Sở Văn hóa và Thể thao', 'Hàng năm'],
  [7, 'Hộ nghèo, cận nghèo', 'Sở Lao động - Thương binh và Xã hội', 'Hàng năm'], [8, 'Dân số theo huyện', 'Cục Thống kê', 'Hàng năm'],
  [9, 'Tuyến xe buýt', 'Sở Giao thông vận tải', 'Khi có thay đổi'], [10, 'Hồ sơ dịch vụ công', 'Sở Thông tin và Truyền thông', 'Hàng tháng'],
]);

const XLSX_FILES = new Set(['co-so-kham-chua-benh', 'luot-khach-du-lich', 'truong-hoc', 'chat-luong-khong-khi', 'doanh-nghiep-moi', 'dan-so-theo-huyen']);
// Excel users on Windows save CSV with a BOM; one demo file keeps it so the loaders see one.
const WITH_BOM = new Set(['dan-so-theo-huyen']);

for (const [name, { header, rows }] of Object.entries(tables)) {
  const csvRows = rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  const csv = Papa.unparse({ fields: header, data: csvRows }, { newline: '\n' }) + '\n';
  writeFileSync(`${out}${name}.csv`, (WITH_BOM.has(name) ? '\uFEFF' : '') + csv, 'utf8');
  if (XLSX_FILES.has(name)) {
    const ws = XLSX.utils.aoa_to_sheet([header, ...rows], { cellDates: true });
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Dữ liệu');
    wb.Props = { Title: name, Author: 'Kho demo', CreatedDate: new Date(Date.UTC(2024, 0, 1)) };
    writeFileSync(`${out}${name}.xlsx`, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
  }
}
console.log(`wrote ${Object.keys(tables).length} CSV and ${XLSX_FILES.size} XLSX files to ${out}`);
