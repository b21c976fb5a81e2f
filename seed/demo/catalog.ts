// The demo catalog: a Vietnamese province (modelled on Thừa Thiên Huế) with its agencies, sector
// groups and the datasets its sector-data appendix asks them to publish.

export interface DemoResource {
  name: string;
  description?: string;
  format?: string;
  /** a file in seed/demo/files/, uploaded */
  file?: string;
  /** or a link */
  url?: string;
}

export interface DemoDataset {
  name: string;
  title: string;
  notes: string;
  org: string;
  groups: string[];
  tags: string[];
  license_id: string;
  private?: boolean;
  frequency?: string;
  resources: DemoResource[];
}

export const organizations = [
  { name: 'so-thong-tin-va-truyen-thong', title: 'Sở Thông tin và Truyền thông', description: 'Cơ quan chuyên môn quản lý nhà nước về thông tin, truyền thông; đơn vị vận hành Cổng dữ liệu mở của tỉnh.' },
  { name: 'so-y-te', title: 'Sở Y tế', description: 'Quản lý nhà nước về y tế: khám chữa bệnh, y tế dự phòng, dược và an toàn thực phẩm.' },
  { name: 'so-du-lich', title: 'Sở Du lịch', description: 'Quản lý nhà nước về du lịch, lưu trú và lữ hành trên địa bàn tỉnh.' },
  { name: 'so-giao-duc-va-dao-tao', title: 'Sở Giáo dục và Đào tạo', description: 'Quản lý nhà nước về giáo dục mầm non, phổ thông và giáo dục thường xuyên.' },
  { name: 'so-tai-nguyen-va-moi-truong', title: 'Sở Tài nguyên và Môi trường', description: 'Đất đai, tài nguyên nước, khoáng sản, môi trường, khí tượng thủy văn.' },
  { name: 'so-ke-hoach-va-dau-tu', title: 'Sở Kế hoạch và Đầu tư', description: 'Kế hoạch phát triển kinh tế - xã hội, đầu tư, đăng ký doanh nghiệp.' },
  { name: 'so-van-hoa-va-the-thao', title: 'Sở Văn hóa và Thể thao', description: 'Văn hóa, di sản, thể dục thể thao, lễ hội.' },
  { name: 'so-lao-dong-thuong-binh-va-xa-hoi', title: 'Sở Lao động - Thương binh và Xã hội', description: 'Lao động, việc làm, người có công, bảo trợ xã hội.' },
  { name: 'cuc-thong-ke', title: 'Cục Thống kê tỉnh', description: 'Số liệu thống kê kinh tế - xã hội của tỉnh.' },
  { name: 'so-giao-thong-van-tai', title: 'Sở Giao thông vận tải', description: 'Giao thông đường bộ, đường thủy, vận tải hành khách công cộng.' },
];

export const groups = [
  { name: 'kinh-te', title: 'Kinh tế', description: 'Doanh nghiệp, đầu tư, giá cả, sản xuất.' },
  { name: 'xa-hoi', title: 'Xã hội', description: 'Dân số, lao động, việc làm, an sinh xã hội.' },
  { name: 'van-hoa', title: 'Văn hóa', description: 'Di sản, lễ hội, thiết chế văn hóa.' },
  { name: 'du-lich', title: 'Du lịch', description: 'Khách du lịch, cơ sở lưu trú, điểm đến.' },
  { name: 'y-te', title: 'Y tế', description: 'Cơ sở y tế, nhân lực, dịch bệnh.' },
  { name: 'giao-duc', title: 'Giáo dục', description: 'Trường học, học sinh, giáo viên.' },
  { name: 'tai-nguyen-moi-truong', title: 'Tài nguyên môi trường', description: 'Đất đai, nước, không khí, chất thải.' },
];

export const users = [
  { name: 'bientap-yte', fullname: 'Nguyễn Thị Hoa', email: 'hoa.nt@syt.thuathienhue.gov.vn', password: 'demo-yte-2024', memberships: [{ organization: 'so-y-te', capacity: 'editor' }] },
  { name: 'bientap-dulich', fullname: 'Trần Văn Minh', email: 'minh.tv@sdl.thuathienhue.gov.vn', password: 'demo-dulich-2024', memberships: [{ organization: 'so-du-lich', capacity: 'editor' }, { organization: 'so-van-hoa-va-the-thao', capacity: 'member' }] },
  { name: 'quantri-sotttt', fullname: 'Lê Quang Huy', email: 'huy.lq@stttt.thuathienhue.gov.vn', password: 'demo-tttt-2024', memberships: [{ organization: 'so-thong-tin-va-truyen-thong', capacity: 'admin' }] },
];

const up = (file: string, name: string, description: string): DemoResource => ({ file, name, description, format: file.endsWith('.xlsx') ? 'XLSX' : 'CSV' });
const link = (url: string, name: string, format: string, description = ''): DemoResource => ({ url, name, format, description });

export const datasets: DemoDataset[] = [
  { name: 'co-so-kham-chua-benh', title: 'Danh sách cơ sở khám chữa bệnh', org: 'so-y-te', groups: ['y-te'], tags: ['y tế', 'bệnh viện', 'Huế'], license_id: 'cc-by', frequency: 'Hàng quý',
    notes: 'Danh sách bệnh viện, trung tâm y tế, trạm y tế và phòng khám trên địa bàn tỉnh, kèm địa chỉ, số giường bệnh và điện thoại liên hệ.',
    resources: [up('co-so-kham-chua-benh.csv', 'Cơ sở khám chữa bệnh (CSV)', 'Cập nhật quý gần nhất'), up('co-so-kham-chua-benh.xlsx', 'Cơ sở khám chữa bệnh (Excel)', 'Bản Excel cùng nội dung')] },
  { name: 'nhan-luc-y-te', title: 'Nhân lực y tế theo huyện', org: 'so-y-te', groups: ['y-te'], tags: ['y tế', 'nhân lực'], license_id: 'cc-by', frequency: 'Hàng năm',
    notes: 'Số bác sĩ, điều dưỡng, dược sĩ theo từng huyện, thị xã, thành phố.', resources: [up('nhan-luc-y-te.csv', 'Nhân lực y tế 2023', '')] },
  { name: 'tiem-chung-mo-rong', title: 'Tỷ lệ tiêm chủng mở rộng', org: 'so-y-te', groups: ['y-te'], tags: ['y tế', 'tiêm chủng', 'trẻ em'], license_id: 'odc-by', frequency: 'Hàng tháng',
    notes: 'Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ theo tháng và theo huyện.', resources: [up('tiem-chung.csv', 'Tiêm chủng theo tháng', '')] },
  { name: 'nha-thuoc-dat-chuan-gpp', title: 'Nhà thuốc đạt chuẩn GPP', org: 'so-y-te', groups: ['y-te', 'kinh-te'], tags: ['dược', 'y tế'], license_id: 'cc-by', frequency: 'Hàng quý',
    notes: 'Danh sách nhà thuốc được cấp giấy chứng nhận Thực hành tốt cơ sở bán lẻ thuốc (GPP).', resources: [link('https://syt.thuathienhue.gov.vn/api/nha-thuoc-gpp.json', 'API nhà thuốc GPP', 'JSON', 'Dịch vụ dữ liệu của Sở Y tế')] },
  { name: 'benh-truyen-nhiem-noi-bo', title: 'Số ca bệnh truyền nhiễm (nội bộ)', org: 'so-y-te', groups: ['y-te'], tags: ['dịch bệnh'], license_id: 'other-closed', private: true, frequency: 'Hàng tuần',
    notes: 'Số liệu giám sát bệnh truyền nhiễm dùng nội bộ ngành y tế, chưa công bố.', resources: [up('benh-truyen-nhiem.csv', 'Giám sát tuần', '')] },

  { name: 'luot-khach-du-lich', title: 'Số lượt khách du lịch đến Huế theo tháng', org: 'so-du-lich', groups: ['du-lich', 'kinh-te'], tags: ['du lịch', 'Huế', 'khách quốc tế'], license_id: 'cc-by', frequency: 'Hàng tháng',
    notes: 'Lượt khách quốc tế và nội địa, doanh thu du lịch theo tháng. Visitor arrivals to Huế by month.', resources: [up('luot-khach-du-lich.csv', 'Lượt khách theo tháng', 'Đơn vị: lượt khách; doanh thu: triệu đồng'), up('luot-khach-du-lich.xlsx', 'Lượt khách (Excel)', '')] },
  { name: 'co-so-luu-tru', title: 'Cơ sở lưu trú du lịch', org: 'so-du-lich', groups: ['du-lich'], tags: ['du lịch', 'khách sạn', 'lưu trú'], license_id: 'cc-by', frequency: 'Hàng quý',
    notes: 'Khách sạn, homestay, nhà nghỉ đã được xếp hạng, số phòng và địa chỉ.', resources: [up('co-so-luu-tru.csv', 'Danh sách cơ sở lưu trú', '')] },
  { name: 'diem-den-du-lich', title: 'Điểm đến du lịch tiêu biểu', org: 'so-du-lich', groups: ['du-lich', 'van-hoa'], tags: ['du lịch', 'điểm đến', 'Huế'], license_id: 'cc-by-sa', frequency: 'Hàng năm',
    notes: 'Các điểm tham quan: Đại Nội, lăng Tự Đức, chùa Thiên Mụ, biển Lăng Cô, đầm Chuồn...', resources: [up('diem-den-du-lich.csv', 'Điểm đến', ''), link('https://sdl.thuathienhue.gov.vn/ban-do-du-lich.geojson', 'Bản đồ điểm đến', 'GeoJSON')] },
  { name: 'tourism-statistics-hue', title: 'Tourism statistics of Thua Thien Hue', org: 'so-du-lich', groups: ['du-lich'], tags: ['tourism', 'statistics'], license_id: 'cc-by', frequency: 'Yearly',
    notes: 'Annual tourism figures in English: international and domestic arrivals, length of stay, revenue.', resources: [up('tourism-statistics.csv', 'Tourism statistics (English)', '')] },
  { name: 'lu-hanh-quoc-te', title: 'Doanh nghiệp lữ hành quốc tế', org: 'so-du-lich', groups: ['du-lich', 'kinh-te'], tags: ['du lịch', 'doanh nghiệp'], license_id: 'odc-by',
    notes: 'Doanh nghiệp được cấp giấy phép kinh doanh lữ hành quốc tế.', resources: [link('https://sdl.thuathienhue.gov.vn/lu-hanh.pdf', 'Danh sách (PDF)', 'PDF')] },

  { name: 'truong-hoc-pho-thong', title: 'Danh sách trường học phổ thông', org: 'so-giao-duc-va-dao-tao', groups: ['giao-duc'], tags: ['giáo dục', 'trường học'], license_id: 'cc-by', frequency: 'Hàng năm',
    notes: 'Trường tiểu học, trung học cơ sở, trung học phổ thông: địa chỉ, loại hình, số lớp, số học sinh.', resources: [up('truong-hoc.csv', 'Trường học năm học 2023-2024', ''), up('truong-hoc.xlsx', 'Trường học (Excel)', '')] },
  { name: 'ket-qua-thi-tot-nghiep', title: 'Kết quả thi tốt nghiệp THPT', org: 'so-giao-duc-va-dao-tao', groups: ['giao-duc'], tags: ['giáo dục', 'thi cử'], license_id: 'cc-by', frequency: 'Hàng năm',
    notes: 'Tỷ lệ đỗ tốt nghiệp và điểm trung bình các môn theo năm.', resources: [up('ket-qua-thi.csv', 'Kết quả theo năm', '')] },
  { name: 'giao-vien-theo-cap-hoc', title: 'Số giáo viên theo cấp học', org: 'so-giao-duc-va-dao-tao', groups: ['giao-duc', 'xa-hoi'], tags: ['giáo dục', 'giáo viên'], license_id: 'cc-zero',
    notes: 'Số giáo viên mầm non, tiểu học, THCS, THPT theo huyện.', resources: [link('https://sgd.thuathienhue.gov.vn/thong-ke/giao-vien.xlsx', 'Thống kê giáo viên', 'XLSX')] },
  { name: 'mam-non-ngoai-cong-lap', title: 'Cơ sở giáo dục mầm non ngoài công lập', org: 'so-giao-duc-va-dao-tao', groups: ['giao-duc'], tags: ['mầm non', 'giáo dục'], license_id: 'cc-by',
    notes: 'Nhóm trẻ, lớp mẫu giáo độc lập tư thục được cấp phép.', resources: [link('https://sgd.thuathienhue.gov.vn/api/mam-non', 'API mầm non', 'API')] },

  { name: 'chat-luong-khong-khi', title: 'Chất lượng không khí (chỉ số AQI)', org: 'so-tai-nguyen-va-moi-truong', groups: ['tai-nguyen-moi-truong'], tags: ['môi trường', 'không khí', 'AQI'], license_id: 'odc-odbl', frequency: 'Hàng ngày',
    notes: 'Chỉ số chất lượng không khí từ các trạm quan trắc tự động tại thành phố Huế.', resources: [up('chat-luong-khong-khi.csv', 'AQI theo ngày', ''), up('chat-luong-khong-khi.xlsx', 'AQI (Excel)', '')] },
  { name: 'quan-trac-nuoc-song-huong', title: 'Quan trắc chất lượng nước sông Hương', org: 'so-tai-nguyen-va-moi-truong', groups: ['tai-nguyen-moi-truong'], tags: ['môi trường', 'nước', 'sông Hương'], license_id: 'odc-odbl', frequency: 'Hàng quý',
    notes: 'pH, DO, BOD5, COD, TSS tại các điểm quan trắc trên sông Hương.', resources: [up('quan-trac-nuoc.csv', 'Kết quả quan trắc', '')] },
  { name: 'bang-gia-dat', title: 'Bảng giá đất giai đoạn 2020-2024', org: 'so-tai-nguyen-va-moi-truong', groups: ['tai-nguyen-moi-truong', 'kinh-te'], tags: ['đất đai', 'giá đất'], license_id: 'cc-by',
    notes: 'Bảng giá các loại đất trên địa bàn tỉnh theo quyết định của UBND tỉnh.', resources: [up('bang-gia-dat.csv', 'Giá đất ở đô thị (trích)', ''), link('https://stnmt.thuathienhue.gov.vn/bang-gia-dat.pdf', 'Quyết định bảng giá đất', 'PDF')] },
  { name: 'rac-thai-sinh-hoat', title: 'Khối lượng rác thải sinh hoạt thu gom', org: 'so-tai-nguyen-va-moi-truong', groups: ['tai-nguyen-moi-truong'], tags: ['môi trường', 'rác thải'], license_id: 'cc-by', frequency: 'Hàng tháng',
    notes: 'Khối lượng chất thải rắn sinh hoạt được thu gom theo huyện (tấn/ngày).', resources: [up('rac-thai.csv', 'Rác thải theo huyện', '')] },
  { name: 'luong-mua', title: 'Lượng mưa tại các trạm khí tượng', org: 'so-tai-nguyen-va-moi-truong', groups: ['tai-nguyen-moi-truong'], tags: ['khí tượng', 'mưa', 'lũ lụt'], license_id: 'cc-by', frequency: 'Hàng tháng',
    notes: 'Tổng lượng mưa tháng tại các trạm Huế, A Lưới, Nam Đông, Phú Ốc.', resources: [up('luong-mua.csv', 'Lượng mưa tháng', '')] },

  { name: 'doanh-nghiep-dang-ky-moi', title: 'Doanh nghiệp đăng ký thành lập mới', org: 'so-ke-hoach-va-dau-tu', groups: ['kinh-te'], tags: ['doanh nghiệp', 'kinh tế'], license_id: 'cc-by', frequency: 'Hàng tháng',
    notes: 'Số doanh nghiệp thành lập mới, vốn đăng ký theo ngành và theo tháng.', resources: [up('doanh-nghiep-moi.csv', 'Doanh nghiệp mới theo tháng', ''), up('doanh-nghiep-moi.xlsx', 'Doanh nghiệp mới (Excel)', '')] },
  { name: 'du-an-dau-tu', title: 'Danh mục dự án kêu gọi đầu tư', org: 'so-ke-hoach-va-dau-tu', groups: ['kinh-te'], tags: ['đầu tư', 'kinh tế'], license_id: 'cc-by',
    notes: 'Các dự án kêu gọi đầu tư: lĩnh vực, địa điểm, quy mô, tổng vốn dự kiến.', resources: [up('du-an-dau-tu.csv', 'Dự án kêu gọi đầu tư', '')] },
  { name: 'fdi-projects', title: 'Foreign direct investment projects', org: 'so-ke-hoach-va-dau-tu', groups: ['kinh-te'], tags: ['investment', 'FDI'], license_id: 'cc-by',
    notes: 'FDI projects licensed in the province: investor country, sector, registered capital (USD).', resources: [link('https://skhdt.thuathienhue.gov.vn/fdi.json', 'FDI projects (JSON)', 'JSON')] },
  { name: 'ke-hoach-dau-tu-cong', title: 'Kế hoạch đầu tư công trung hạn (nội bộ)', org: 'so-ke-hoach-va-dau-tu', groups: ['kinh-te'], tags: ['đầu tư công'], license_id: 'other-closed', private: true,
    notes: 'Dự thảo kế hoạch đầu tư công, chưa công bố.', resources: [link('https://skhdt.thuathienhue.gov.vn/noi-bo/dtc.xlsx', 'Dự thảo', 'XLSX')] },

  { name: 'di-tich-lich-su', title: 'Di tích lịch sử - văn hóa được xếp hạng', org: 'so-van-hoa-va-the-thao', groups: ['van-hoa', 'du-lich'], tags: ['di tích', 'văn hóa', 'Huế'], license_id: 'cc-by-sa', frequency: 'Hàng năm',
    notes: 'Di tích cấp quốc gia đặc biệt, cấp quốc gia và cấp tỉnh, thuộc Quần thể di tích Cố đô Huế và các địa phương.', resources: [up('di-tich.csv', 'Danh sách di tích', '')] },
  { name: 'le-hoi-truyen-thong', title: 'Lịch lễ hội truyền thống', org: 'so-van-hoa-va-the-thao', groups: ['van-hoa', 'du-lich'], tags: ['lễ hội', 'văn hóa', 'Festival Huế'], license_id: 'cc-by',
    notes: 'Các lễ hội truyền thống và Festival Huế: thời gian, địa điểm, quy mô.', resources: [up('le-hoi.csv', 'Lịch lễ hội', '')] },
  { name: 'thiet-che-van-hoa', title: 'Thiết chế văn hóa cơ sở', org: 'so-van-hoa-va-the-thao', groups: ['van-hoa'], tags: ['văn hóa', 'nhà văn hóa'], license_id: 'cc-by',
    notes: 'Nhà văn hóa, thư viện, sân thể thao cấp xã.', resources: [link('https://svhtt.thuathienhue.gov.vn/thiet-che.csv', 'Thiết chế văn hóa', 'CSV')] },

  { name: 'lao-dong-viec-lam', title: 'Lao động có việc làm theo ngành kinh tế', org: 'so-lao-dong-thuong-binh-va-xa-hoi', groups: ['xa-hoi', 'kinh-te'], tags: ['lao động', 'việc làm'], license_id: 'cc-by', frequency: 'Hàng năm',
    notes: 'Số lao động từ 15 tuổi trở lên có việc làm, chia theo ngành kinh tế.', resources: [up('lao-dong.csv', 'Lao động theo ngành', '')] },
  { name: 'ho-ngheo-can-ngheo', title: 'Tỷ lệ hộ nghèo, cận nghèo', org: 'so-lao-dong-thuong-binh-va-xa-hoi', groups: ['xa-hoi'], tags: ['giảm nghèo', 'an sinh'], license_id: 'cc-by', frequency: 'Hàng năm',
    notes: 'Tỷ lệ hộ nghèo và cận nghèo theo chuẩn nghèo đa chiều, theo huyện.', resources: [up('ho-ngheo.csv', 'Hộ nghèo theo huyện', '')] },
  { name: 'co-so-tro-giup-xa-hoi', title: 'Cơ sở trợ giúp xã hội', org: 'so-lao-dong-thuong-binh-va-xa-hoi', groups: ['xa-hoi'], tags: ['bảo trợ xã hội'], license_id: 'cc-by',
    notes: 'Trung tâm công tác xã hội, cơ sở nuôi dưỡng người cao tuổi, trẻ em có hoàn cảnh đặc biệt.', resources: [link('https://sldtbxh.thuathienhue.gov.vn/co-so-tro-giup.json', 'Danh sách (JSON)', 'JSON')] },

  { name: 'dan-so-theo-huyen', title: 'Dân số trung bình theo huyện, thị xã, thành phố', org: 'cuc-thong-ke', groups: ['xa-hoi'], tags: ['dân số', 'thống kê'], license_id: 'cc-by', frequency: 'Hàng năm',
    notes: 'Dân số trung bình, diện tích và mật độ dân số phân theo đơn vị hành chính cấp huyện.', resources: [up('dan-so-theo-huyen.csv', 'Dân số 2023', ''), up('dan-so-theo-huyen.xlsx', 'Dân số (Excel)', '')] },
  { name: 'grdp-theo-nganh', title: 'Tổng sản phẩm trên địa bàn (GRDP) theo ngành', org: 'cuc-thong-ke', groups: ['kinh-te'], tags: ['GRDP', 'kinh tế', 'thống kê'], license_id: 'cc-by', frequency: 'Hàng năm',
    notes: 'GRDP theo giá hiện hành phân theo khu vực kinh tế. Gross regional domestic product by sector.', resources: [up('grdp.csv', 'GRDP theo năm', '')] },
  { name: 'chi-so-gia-tieu-dung', title: 'Chỉ số giá tiêu dùng (CPI)', org: 'cuc-thong-ke', groups: ['kinh-te'], tags: ['CPI', 'giá cả', 'thống kê'], license_id: 'cc-by', frequency: 'Hàng tháng',
    notes: 'Chỉ số giá tiêu dùng tháng so với cùng kỳ năm trước.', resources: [up('cpi.csv', 'CPI theo tháng', '')] },
  { name: 'nien-giam-thong-ke', title: 'Niên giám thống kê tỉnh 2023', org: 'cuc-thong-ke', groups: ['kinh-te', 'xa-hoi'], tags: ['niên giám', 'thống kê'], license_id: 'cc-by',
    notes: 'Ấn phẩm niên giám thống kê đầy đủ.', resources: [link('https://thongke.thuathienhue.gov.vn/nien-giam-2023.pdf', 'Niên giám 2023 (PDF)', 'PDF')] },

  { name: 'tuyen-xe-buyt', title: 'Tuyến xe buýt nội tỉnh', org: 'so-giao-thong-van-tai', groups: ['xa-hoi'], tags: ['giao thông', 'xe buýt'], license_id: 'cc-by', frequency: 'Khi có thay đổi',
    notes: 'Các tuyến xe buýt: điểm đầu, điểm cuối, cự ly, giờ hoạt động, giá vé.', resources: [up('tuyen-xe-buyt.csv', 'Tuyến xe buýt', '')] },
  { name: 'tai-nan-giao-thong', title: 'Tình hình tai nạn giao thông', org: 'so-giao-thong-van-tai', groups: ['xa-hoi'], tags: ['giao thông', 'an toàn giao thông'], license_id: 'cc-by', frequency: 'Hàng tháng',
    notes: 'Số vụ tai nạn, số người chết, bị thương theo tháng.', resources: [up('tai-nan-giao-thong.csv', 'Tai nạn theo tháng', '')] },
  { name: 'bai-do-xe', title: 'Bãi đỗ xe công cộng thành phố Huế', org: 'so-giao-thong-van-tai', groups: ['du-lich'], tags: ['giao thông', 'đỗ xe'], license_id: 'odc-by',
    notes: 'Vị trí, sức chứa, giờ mở cửa các bãi đỗ xe công cộng.', resources: [link('https://ssgtvt.thuathienhue.gov.vn/bai-do-xe.geojson', 'Bãi đỗ xe (GeoJSON)', 'GeoJSON')] },

  { name: 'dich-vu-cong-truc-tuyen', title: 'Thống kê hồ sơ dịch vụ công trực tuyến', org: 'so-thong-tin-va-truyen-thong', groups: ['xa-hoi'], tags: ['dịch vụ công', 'chuyển đổi số'], license_id: 'cc-by', frequency: 'Hàng tháng',
    notes: 'Số hồ sơ tiếp nhận, giải quyết đúng hạn, trễ hạn qua Cổng dịch vụ công theo cơ quan.', resources: [up('dich-vu-cong.csv', 'Hồ sơ theo cơ quan', '')] },
  { name: 'diem-wifi-cong-cong', title: 'Điểm phát Wi-Fi công cộng miễn phí', org: 'so-thong-tin-va-truyen-thong', groups: ['du-lich', 'xa-hoi'], tags: ['wifi', 'chuyển đổi số', 'Huế'], license_id: 'cc-zero',
    notes: 'Vị trí các điểm phát Wi-Fi miễn phí tại thành phố Huế. Free public Wi-Fi hotspots in Huế.', resources: [up('diem-wifi.csv', 'Điểm Wi-Fi', '')] },
  { name: 'co-quan-bao-chi', title: 'Danh sách cơ quan báo chí', org: 'so-thong-tin-va-truyen-thong', groups: ['van-hoa'], tags: ['báo chí', 'truyền thông'], license_id: 'cc-by',
    notes: 'Cơ quan báo chí, văn phòng đại diện, phóng viên thường trú trên địa bàn.', resources: [link('https://stttt.thuathienhue.gov.vn/bao-chi.json', 'Danh sách (JSON)', 'JSON')] },
  { name: 'danh-muc-du-lieu-mo', title: 'Danh mục dữ liệu mở của tỉnh', org: 'so-thong-tin-va-truyen-thong', groups: ['xa-hoi'], tags: ['dữ liệu mở', 'danh mục'], license_id: 'cc-zero', frequency: 'Hàng quý',
    notes: 'Phụ lục danh mục dữ liệu chuyên ngành mà các sở, ban, ngành phải công bố (theo Quyết định 06/2021).', resources: [up('danh-muc-du-lieu-mo.csv', 'Danh mục', '')] },
];
