// "DCAT-AP compliance": MQA validates the dataset's DCAT-AP document with the official SHACL
// shapes. Kho's copies of the shapes are test fixtures outside the program (../shared/dcat-ap,
// never read at run time), so this checks, on the very graph the DCAT module publishes
// (datasetGraph, default profile), the properties DCAT-AP makes mandatory that depend on what the
// publisher wrote: the dataset's dct:title and dct:description, and each distribution's
// dcat:accessURL. The rest of what the shapes check (classes, datatypes, ranges, the inherited
// licence) is the profile's doing, not the publisher's; the test suite validates the demo
// catalog's documents against the shapes.
import type { Quad } from '@rdfjs/types';
import { datasetGraph, resolveProfiles, type DcatSite } from '../graph.js';
import { PREFIXES } from '../rdf/namespaces.js';
import type { DatasetFacts } from './facts.js';
import type { Outcome } from './indicators.js';
import { listed, type Text } from './text.js';

export const COMPLIANCE_METHOD = 'DCAT-AP mandatory properties, checked on the published graph (SHACL shapes are not read at run time)';

const DCAT = PREFIXES.dcat;
const DCT = PREFIXES.dct;
const RDF_TYPE = PREFIXES.rdf + 'type';

/** What DCAT-AP requires that is missing: the publisher's gaps, in both languages. */
function outcome(lacks: Text[]): Outcome {
  if (!lacks.length) return { status: 'met' };
  return {
    status: 'missing',
    why: {
      en: `DCAT-AP requires ${lacks.map((l) => l.en).join(', ')}.`,
      vi: `DCAT-AP bắt buộc có ${lacks.map((l) => l.vi).join(', ')}.`,
    },
  };
}

const TITLE: Text = { en: 'a title (dct:title)', vi: 'tiêu đề (dct:title)' };
const DESCRIPTION: Text = { en: 'a description (dct:description)', vi: 'mô tả (dct:description)' };
const accessUrlFor = (names: string[]): Text => {
  const n = listed(names);
  return { en: `an access URL (dcat:accessURL) for ${n.en}`, vi: `đường dẫn truy cập (dcat:accessURL) cho ${n.vi}` };
};

/** The mandatory properties, read from the dataset dict (when no graph could be made). */
export function mandatoryProperties(f: DatasetFacts): Outcome {
  const lacks: Text[] = [];
  if (!f.title) lacks.push(TITLE);
  if (!f.description) lacks.push(DESCRIPTION);
  const noUrl = f.distributions.filter((d) => !d.accessUrl).map((d) => d.name);
  if (noUrl.length) lacks.push(accessUrlFor(noUrl));
  return outcome(lacks);
}

/** The mandatory properties, read from the quads the DCAT module publishes for the dataset. */
export function graphCompliance(quads: readonly Quad[], f: DatasetFacts): Outcome {
  const has = (s: string, p: string) => quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value.trim() !== '');
  const dataset = quads.find((q) => q.predicate.value === RDF_TYPE && q.object.value === DCAT + 'Dataset')?.subject.value;
  if (!dataset) return mandatoryProperties(f);
  const lacks: Text[] = [];
  if (!has(dataset, DCT + 'title')) lacks.push(TITLE);
  if (!has(dataset, DCT + 'description')) lacks.push(DESCRIPTION);
  const distributions = quads.filter((q) => q.subject.value === dataset && q.predicate.value === DCAT + 'distribution').map((q) => q.object.value);
  const noUrl = distributions.filter((d) => !has(d, DCAT + 'accessURL'));
  if (noUrl.length) {
    // Name them as the publisher knows them: by their title in the graph, else by position.
    const title = (d: string) => quads.find((q) => q.subject.value === d && q.predicate.value === DCT + 'title')?.object.value;
    lacks.push(accessUrlFor(noUrl.map((d, i) => title(d) ?? `#${i + 1}`)));
  }
  return outcome(lacks);
}

/** The compliance check for one dataset dict: on its published graph, else on the dict. */
export function complianceOf(site: DcatSite, dict: Record<string, unknown>): (f: DatasetFacts) => Outcome {
  let quads: Quad[];
  try {
    quads = datasetGraph(site, dict, resolveProfiles(undefined));
  } catch {
    // A dict the profile cannot describe is scored on the dict itself rather than not at all.
    return mandatoryProperties;
  }
  return (f) => graphCompliance(quads, f);
}
