// The indicators of data.europa.eu's Metadata Quality Assessment (MQA) and their weights, as the
// MQA methodology (https://data.europa.eu/mqa/methodology; data provider manual, "Metadata
// quality dashboard") and piveau's metrics scoring give them: 405 points over five dimensions.
// Each one checks what Kho's DCAT output says about the dataset. Distribution indicators are met
// when one distribution meets them (MQA scores a dataset by its best distribution).
import type { DatasetFacts, DistributionFacts, LinkState } from './facts.js';
import { isAccessRightTerm, isMachineReadable, isNonProprietary, NO_LICENCE } from './vocabularies.js';
import { listed, type Dimension, type Text } from './text.js';

export type Status = 'met' | 'missing' | 'unknown';

export interface Outcome {
  status: Status;
  /** what is missing (missing) or why Kho cannot tell (unknown) */
  why?: Text;
}

export interface Indicator {
  id: string;
  dimension: Dimension;
  points: number;
  /** the DCAT property MQA reads */
  property: string;
  label: Text;
  /** what a publisher adds to earn it */
  advice: Text;
  check(f: DatasetFacts, dcatAp: (f: DatasetFacts) => Outcome): Outcome;
}

const MET: Outcome = Object.freeze({ status: 'met' }) as Outcome;
const missing = (en: string, vi: string): Outcome => ({ status: 'missing', why: { en, vi } });
const NO_RESOURCE = missing('The dataset has no resource (distribution).', 'Bộ dữ liệu chưa có tài nguyên (bản phân phối) nào.');

/** Met when some distribution passes; otherwise missing, saying why. */
function anyDistribution(f: DatasetFacts, pass: (d: DistributionFacts) => boolean, why: Outcome): Outcome {
  if (!f.distributions.length) return NO_RESOURCE;
  return f.distributions.some(pass) ? MET : why;
}

/**
 * An accessibility indicator: met when Kho knows one URL answers; unknown (no points, said so)
 * when a URL exists but Kho has no record of it answering or failing.
 */
function reachable(f: DatasetFacts, state: (d: DistributionFacts) => LinkState | null, what: Text): Outcome {
  if (!f.distributions.length) return NO_RESOURCE;
  const states = f.distributions.map((d) => ({ d, s: state(d) })).filter((x): x is { d: DistributionFacts; s: LinkState } => x.s !== null);
  if (states.some((x) => x.s.state === 'accessible')) return MET;
  if (!states.length) return { status: 'missing', why: { en: `No resource has ${what.en}.`, vi: `Chưa tài nguyên nào có ${what.vi}.` } };
  const failed = states.filter((x) => x.s.state === 'inaccessible');
  if (failed.length === states.length) {
    const names = listed(failed.map((x) => x.d.name + (x.s.http_status ? ` (HTTP ${x.s.http_status})` : '')));
    return { status: 'missing', why: { en: `The last fetch of ${names.en} failed.`, vi: `Lần tải gần nhất của ${names.vi} không thành công.` } };
  }
  const names = listed(states.filter((x) => x.s.state === 'unknown').map((x) => x.d.name));
  return {
    status: 'unknown',
    why: {
      en: `Kho has no recorded status for the link of ${names.en}; data.europa.eu checks it with an HTTP request, which Kho does not make to score. No points until Kho has fetched it (DataStore load) or the file is uploaded.`,
      vi: `Kho chưa ghi nhận trạng thái đường dẫn của ${names.vi}; data.europa.eu kiểm tra bằng một yêu cầu HTTP, còn Kho không gửi yêu cầu khi chấm điểm. Chưa tính điểm cho đến khi Kho đã tải đường dẫn (nạp DataStore) hoặc tệp được tải lên.`,
    },
  };
}

export const INDICATORS: readonly Indicator[] = [
  // Findability (100)
  {
    id: 'keyword', dimension: 'findability', points: 30, property: 'dcat:keyword',
    label: { en: 'Keyword usage', vi: 'Từ khoá' },
    advice: { en: 'Add keywords (tags).', vi: 'Thêm từ khoá (thẻ).' },
    check: (f) => (f.keywords > 0 ? MET : missing('No keywords (tags).', 'Chưa có từ khoá (thẻ).')),
  },
  {
    id: 'theme', dimension: 'findability', points: 30, property: 'dcat:theme',
    label: { en: 'Categories', vi: 'Chủ đề' },
    advice: { en: 'Choose a theme, or add the dataset to a sector group.', vi: 'Chọn chủ đề, hoặc đưa bộ dữ liệu vào một nhóm lĩnh vực.' },
    // The DCAT profile also maps the province's sector groups to EU data themes.
    check: (f) => (f.themes.length || f.groupThemes.length ? MET
      : f.groups ? missing('No theme, and the dataset\'s sector groups map to no EU data theme.', 'Chưa có chủ đề, và các nhóm lĩnh vực của bộ dữ liệu không ứng với chủ đề dữ liệu nào của EU.')
        : missing('No theme and no sector group.', 'Chưa có chủ đề và chưa thuộc nhóm lĩnh vực nào.')),
  },
  {
    id: 'spatial', dimension: 'findability', points: 20, property: 'dct:spatial',
    label: { en: 'Geo search', vi: 'Tìm theo địa bàn' },
    advice: { en: 'Add the area covered (spatial_uri or spatial_text).', vi: 'Thêm phạm vi địa lý (spatial_uri hoặc spatial_text).' },
    check: (f) => (f.spatial ? MET : missing('No spatial coverage.', 'Chưa có phạm vi địa lý.')),
  },
  {
    id: 'temporal', dimension: 'findability', points: 20, property: 'dct:temporal',
    label: { en: 'Time-based search', vi: 'Tìm theo thời gian' },
    advice: { en: 'Add the period covered (temporal_start, temporal_end).', vi: 'Thêm khoảng thời gian của dữ liệu (temporal_start, temporal_end).' },
    check: (f) => (f.temporal ? MET : missing('No temporal coverage.', 'Chưa có khoảng thời gian.')),
  },
  // Accessibility (100)
  {
    id: 'access_url', dimension: 'accessibility', points: 50, property: 'dcat:accessURL',
    label: { en: 'Access URL accessibility', vi: 'Đường dẫn truy cập hoạt động' },
    advice: { en: 'Upload the file, or link to an address that answers.', vi: 'Tải tệp lên, hoặc dẫn tới một địa chỉ truy cập được.' },
    check: (f) => reachable(f, (d) => (d.accessUrl ? d.access : null), { en: 'an access URL', vi: 'đường dẫn truy cập' }),
  },
  {
    id: 'download_url', dimension: 'accessibility', points: 20, property: 'dcat:downloadURL',
    label: { en: 'Download URL', vi: 'Đường dẫn tải về' },
    advice: { en: 'Upload the file, or give a direct download URL (download_url).', vi: 'Tải tệp lên, hoặc cung cấp đường dẫn tải trực tiếp (download_url).' },
    check: (f) => anyDistribution(f, (d) => d.downloadUrl !== null, missing('No resource has a download URL (only links to pages).', 'Chưa tài nguyên nào có đường dẫn tải trực tiếp (chỉ có liên kết tới trang).')),
  },
  {
    id: 'download_url_accessible', dimension: 'accessibility', points: 30, property: 'dcat:downloadURL',
    label: { en: 'Download URL accessibility', vi: 'Đường dẫn tải về hoạt động' },
    advice: { en: 'Upload the file, or give a download URL that answers.', vi: 'Tải tệp lên, hoặc cung cấp đường dẫn tải về truy cập được.' },
    check: (f) => reachable(f, (d) => d.download, { en: 'a download URL', vi: 'đường dẫn tải về' }),
  },
  // Interoperability (110)
  {
    id: 'format', dimension: 'interoperability', points: 20, property: 'dct:format',
    label: { en: 'Format', vi: 'Định dạng' },
    advice: { en: 'Give each resource its format (CSV, JSON…).', vi: 'Ghi định dạng cho từng tài nguyên (CSV, JSON…).' },
    check: (f) => anyDistribution(f, (d) => d.format !== null, missing('No resource states its format.', 'Chưa tài nguyên nào ghi định dạng.')),
  },
  {
    id: 'media_type', dimension: 'interoperability', points: 10, property: 'dcat:mediaType',
    label: { en: 'Media type', vi: 'Kiểu phương tiện (media type)' },
    advice: { en: 'Give a registered media type (mimetype, e.g. text/csv) or a format that has one.', vi: 'Ghi kiểu phương tiện đã đăng ký (mimetype, ví dụ text/csv) hoặc định dạng có kiểu phương tiện.' },
    check: (f) => anyDistribution(f, (d) => d.mediaType !== null, missing('No resource states its media type.', 'Chưa tài nguyên nào ghi kiểu phương tiện.')),
  },
  {
    id: 'format_media_type_vocabulary', dimension: 'interoperability', points: 10, property: 'dct:format, dcat:mediaType',
    label: { en: 'Format / media type from vocabulary', vi: 'Định dạng / kiểu phương tiện theo bộ từ vựng' },
    advice: { en: 'Use a format from the EU file-type list and a registered (IANA) media type.', vi: 'Dùng định dạng trong danh mục loại tệp của EU và kiểu phương tiện đã đăng ký (IANA).' },
    // dcat:mediaType only ever goes out as an IANA URI, so a format outside the file-type table
    // is what takes a distribution out of the vocabularies.
    check: (f) => anyDistribution(f, (d) => (d.format !== null || d.mediaType !== null) && (d.format === null || d.formatCode !== null),
    missing('No resource has a format and media type that are all from the vocabularies.', 'Chưa tài nguyên nào có định dạng và kiểu phương tiện đều thuộc bộ từ vựng.')),
  },
  {
    id: 'non_proprietary', dimension: 'interoperability', points: 20, property: 'dct:format',
    label: { en: 'Non-proprietary', vi: 'Định dạng mở' },
    advice: { en: 'Add the data in an open format (CSV, JSON, XML, ODS…).', vi: 'Bổ sung dữ liệu ở định dạng mở (CSV, JSON, XML, ODS…).' },
    check: (f) => anyDistribution(f, (d) => isNonProprietary(d.formatCode), missing('No resource is in a non-proprietary format.', 'Chưa tài nguyên nào ở định dạng mở.')),
  },
  {
    id: 'machine_readable', dimension: 'interoperability', points: 20, property: 'dct:format',
    label: { en: 'Machine-readable', vi: 'Máy đọc được' },
    advice: { en: 'Add the data in a machine-readable format (CSV, JSON, XLSX…).', vi: 'Bổ sung dữ liệu ở định dạng máy đọc được (CSV, JSON, XLSX…).' },
    check: (f) => anyDistribution(f, (d) => isMachineReadable(d.formatCode), missing('No resource is in a machine-readable format.', 'Chưa tài nguyên nào ở định dạng máy đọc được.')),
  },
  {
    id: 'dcat_ap_compliance', dimension: 'interoperability', points: 30, property: 'DCAT-AP',
    label: { en: 'DCAT-AP compliance', vi: 'Tuân thủ DCAT-AP' },
    advice: { en: 'Give the dataset a title and a description, and every resource a URL.', vi: 'Ghi tiêu đề và mô tả cho bộ dữ liệu, và đường dẫn cho mọi tài nguyên.' },
    check: (f, dcatAp) => dcatAp(f),
  },
  // Reusability (75)
  {
    id: 'licence', dimension: 'reusability', points: 20, property: 'dct:license',
    label: { en: 'Licence information', vi: 'Thông tin giấy phép' },
    advice: { en: 'Choose a licence.', vi: 'Chọn giấy phép.' },
    check: (f) => anyDistribution(f, (d) => d.licence !== null && !NO_LICENCE.has(d.licence), missing('No licence chosen.', 'Chưa chọn giấy phép.')),
  },
  {
    id: 'licence_vocabulary', dimension: 'reusability', points: 10, property: 'dct:license',
    label: { en: 'Licence vocabulary', vi: 'Giấy phép theo bộ từ vựng' },
    advice: { en: 'Choose a licence from the EU licence list (e.g. Creative Commons Attribution, CC0, ODbL).', vi: 'Chọn giấy phép có trong danh mục giấy phép của EU (ví dụ Creative Commons Attribution, CC0, ODbL).' },
    check: (f) => anyDistribution(f, (d) => d.euLicence !== null, missing('The licence is not one the EU licence vocabulary holds.', 'Giấy phép không thuộc danh mục giấy phép của EU.')),
  },
  {
    id: 'access_rights', dimension: 'reusability', points: 10, property: 'dct:accessRights',
    label: { en: 'Access restrictions', vi: 'Quyền truy cập' },
    advice: { en: 'State the access rights (access_rights).', vi: 'Ghi quyền truy cập (access_rights).' },
    check: (f) => (f.accessRights ? MET : missing('No access rights stated.', 'Chưa ghi quyền truy cập.')),
  },
  {
    id: 'access_rights_vocabulary', dimension: 'reusability', points: 5, property: 'dct:accessRights',
    label: { en: 'Access restrictions vocabulary', vi: 'Quyền truy cập theo bộ từ vựng' },
    advice: { en: 'Use an EU access-right term: PUBLIC, RESTRICTED or NON_PUBLIC.', vi: 'Dùng thuật ngữ quyền truy cập của EU: PUBLIC, RESTRICTED hoặc NON_PUBLIC.' },
    check: (f) => (f.accessRights && isAccessRightTerm(f.accessRights) ? MET
      : missing('The access rights are not a term of the EU access-right vocabulary.', 'Quyền truy cập không phải thuật ngữ trong bộ từ vựng quyền truy cập của EU.')),
  },
  {
    id: 'contact_point', dimension: 'reusability', points: 20, property: 'dcat:contactPoint',
    label: { en: 'Contact point', vi: 'Đầu mối liên hệ' },
    advice: { en: 'Add a contact (contact_name and contact_email, or the maintainer).', vi: 'Thêm đầu mối liên hệ (contact_name và contact_email, hoặc người duy trì).' },
    check: (f) => (f.contact ? MET : missing('No contact point (no contact, maintainer, author or organization).', 'Chưa có đầu mối liên hệ (không có người liên hệ, người duy trì, tác giả hay tổ chức).')),
  },
  {
    id: 'publisher', dimension: 'reusability', points: 10, property: 'dct:publisher',
    label: { en: 'Publisher', vi: 'Đơn vị công bố' },
    advice: { en: 'Publish the dataset under an organization.', vi: 'Công bố bộ dữ liệu dưới tên một tổ chức.' },
    check: (f) => (f.publisher ? MET : missing('No publisher (the dataset has no organization).', 'Chưa có đơn vị công bố (bộ dữ liệu không thuộc tổ chức nào).')),
  },
  // Contextuality (20)
  {
    id: 'rights', dimension: 'contextuality', points: 5, property: 'dct:rights',
    label: { en: 'Rights', vi: 'Quyền sử dụng' },
    advice: { en: 'State the rights of a resource (rights).', vi: 'Ghi quyền sử dụng cho tài nguyên (rights).' },
    check: (f) => anyDistribution(f, (d) => d.rights !== null, missing('No resource states its rights.', 'Chưa tài nguyên nào ghi quyền sử dụng.')),
  },
  {
    id: 'byte_size', dimension: 'contextuality', points: 5, property: 'dcat:byteSize',
    label: { en: 'File size', vi: 'Kích thước tệp' },
    advice: { en: 'Give the file size (uploads get it automatically).', vi: 'Ghi kích thước tệp (tệp tải lên được tự ghi).' },
    check: (f) => anyDistribution(f, (d) => d.size !== null, missing('No resource states its size.', 'Chưa tài nguyên nào ghi kích thước.')),
  },
  {
    id: 'issued', dimension: 'contextuality', points: 5, property: 'dct:issued',
    label: { en: 'Date of issue', vi: 'Ngày phát hành' },
    advice: { en: 'Give the date of issue (issued).', vi: 'Ghi ngày phát hành (issued).' },
    check: (f) => (f.issued ? MET : missing('No date of issue.', 'Chưa có ngày phát hành.')),
  },
  {
    id: 'modified', dimension: 'contextuality', points: 5, property: 'dct:modified',
    label: { en: 'Modification date', vi: 'Ngày cập nhật' },
    advice: { en: 'Give the modification date (modified).', vi: 'Ghi ngày cập nhật (modified).' },
    check: (f) => (f.modified ? MET : missing('No modification date.', 'Chưa có ngày cập nhật.')),
  },
];

export const MAX_POINTS = INDICATORS.reduce((n, i) => n + i.points, 0);
