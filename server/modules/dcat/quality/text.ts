// Words of the quality answer in both of Kho's languages. Every message is a pair {en, vi}, so a
// page or a client picks the reader's language without a second request.

export interface Text {
  en: string;
  vi: string;
}

export const DIMENSIONS = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, Text> = {
  findability: { en: 'Findability', vi: 'Khả năng tìm kiếm' },
  accessibility: { en: 'Accessibility', vi: 'Khả năng truy cập' },
  interoperability: { en: 'Interoperability', vi: 'Khả năng liên thông' },
  reusability: { en: 'Reusability', vi: 'Khả năng tái sử dụng' },
  contextuality: { en: 'Contextuality', vi: 'Thông tin ngữ cảnh' },
};

export type Rating = 'Excellent' | 'Good' | 'Sufficient' | 'Bad';

export const RATING_LABELS: Record<Rating, Text> = {
  Excellent: { en: 'Excellent', vi: 'Xuất sắc' },
  Good: { en: 'Good', vi: 'Tốt' },
  Sufficient: { en: 'Sufficient', vi: 'Đạt' },
  Bad: { en: 'Bad', vi: 'Kém' },
};

/** Joins names for a message: "a, b and c" / "a, b và c". */
export function listed(names: readonly string[]): Text {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return { en: quoted.join(''), vi: quoted.join('') };
  const head = quoted.slice(0, -1).join(', ');
  const last = quoted[quoted.length - 1]!;
  return { en: `${head} and ${last}`, vi: `${head} và ${last}` };
}
