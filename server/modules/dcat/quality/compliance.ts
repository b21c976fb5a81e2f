// "DCAT-AP compliance": MQA validates the dataset's DCAT-AP document with the official SHACL
// shapes. Kho's shapes live outside the program (they are test fixtures, ../shared/dcat-ap, never
// read at run time), so this scores the properties DCAT-AP makes mandatory that depend on what
// the publisher wrote: the dataset's dct:title and dct:description, and each distribution's
// dcat:accessURL. Everything else the shapes check (classes, datatypes, ranges, the inherited
// licence) is the DCAT profile's output, which the test suite validates against the shapes for
// every dataset of the demo catalog; it does not vary with what a publisher fills in.
import type { DatasetFacts } from './facts.js';
import type { Outcome } from './indicators.js';
import { listed } from './text.js';

export const COMPLIANCE_METHOD = 'mandatory-properties';

export function mandatoryProperties(f: DatasetFacts): Outcome {
  const lacks: { en: string; vi: string }[] = [];
  if (!f.title) lacks.push({ en: 'a title (dct:title)', vi: 'tiêu đề (dct:title)' });
  if (!f.description) lacks.push({ en: 'a description (dct:description)', vi: 'mô tả (dct:description)' });
  const noUrl = f.distributions.filter((d) => !d.accessUrl).map((d) => d.name);
  if (noUrl.length) {
    const names = listed(noUrl);
    lacks.push({ en: `an access URL for ${names.en}`, vi: `đường dẫn truy cập cho ${names.vi}` });
  }
  if (!lacks.length) return { status: 'met' };
  return {
    status: 'missing',
    why: {
      en: `DCAT-AP requires ${lacks.map((l) => l.en).join(', ')}.`,
      vi: `DCAT-AP bắt buộc có ${lacks.map((l) => l.vi).join(', ')}.`,
    },
  };
}
