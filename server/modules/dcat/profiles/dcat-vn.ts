// ============================================================================================
// DCAT-VN — PLACEHOLDER for Vietnam's national DCAT profile (draft 2023, not yet published).
// It stacks on top of a DCAT-AP profile (profiles=euro_dcat_ap_3,dcat_vn) and adds only what
// Kho holds that is Vietnam-specific. When the national profile is published, its terms replace
// the choices marked "until DCAT-VN says" below; nothing else in Kho needs to change.
// ============================================================================================
// - The publishing agency's electronic identification code (mã định danh điện tử, Decision
//   20/2020/QĐ-TTg, e.g. `000.00.14.H57`) as dct:identifier of the dataset's dct:publisher.
//   Kho keeps it on the organization as the extra `agency_code` (also read: `ma_dinh_danh`);
//   a dataset may give it itself as `agency_code`.
// - The administrative unit the data is about (mã đơn vị hành chính, the General Statistics
//   Office's list: `46` Thừa Thiên Huế) as a dct:spatial dct:Location with that code as its
//   dct:identifier and the unit's name as skos:prefLabel: `administrative_unit` and
//   `administrative_unit_name` on the dataset, else the organization's extras of those names.
import { ns } from '../rdf/namespaces.js';
import { stableBlank, text } from '../rdf/graph-builder.js';
import { firstField, type Dict } from './fields.js';
import { DcatProfile, type DatasetContext, type ParseContext } from './profile.js';

const { dct, skos } = ns;

/** Decision 20/2020/QĐ-TTg codes: four dot-separated levels, the last a letter and two digits. */
export const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

function orgExtra(dataset: Dict, ...keys: string[]): string | undefined {
  const extras: unknown = dataset.organization?.extras;
  if (!Array.isArray(extras)) return undefined;
  for (const k of keys) {
    const e = extras.find((x) => x?.key === k);
    if (e && typeof e.value === 'string' && e.value.trim()) return e.value.trim();
  }
  return undefined;
}

export class DcatVnProfile extends DcatProfile {
  readonly name: string = 'dcat_vn';

  override graphDataset({ site, g, dataset, node }: DatasetContext): void {
    const code = firstField(dataset, 'agency_code', 'ma_dinh_danh') ?? orgExtra(dataset, 'agency_code', 'ma_dinh_danh');
    if (code && AGENCY_CODE.test(code)) {
      // The publisher node the DCAT-AP profile before this one made; the code is said of it.
      for (const p of g.objects(node, dct('publisher'))) {
        if (p.termType === 'NamedNode' || p.termType === 'BlankNode') g.add(p, dct('identifier'), text(code));
      }
    }
    const unit = firstField(dataset, 'administrative_unit') ?? orgExtra(dataset, 'administrative_unit');
    const unitName = firstField(dataset, 'administrative_unit_name') ?? orgExtra(dataset, 'administrative_unit_name');
    if (unit && /^\d{2,5}$/.test(unit)) {
      // Until DCAT-VN says: no URI scheme for the units is published, so a described node.
      const loc = stableBlank(node.value, 'vn:administrative_unit', unit);
      g.add(node, dct('spatial'), loc);
      g.type(loc, dct('Location'));
      g.add(loc, dct('identifier'), text(unit));
      g.add(loc, skos('prefLabel'), text(unitName, site.languages[0]));
    }
  }

  override parseDataset({ graph, node, dict }: ParseContext): void {
    const publisher = graph.one(node, dct('publisher'));
    const code = publisher ? graph.values(publisher, dct('identifier')).find((v) => AGENCY_CODE.test(v)) : undefined;
    if (code) dict.agency_code = code;
    for (const s of graph.all(node, dct('spatial'))) {
      const unit = graph.value(s, dct('identifier'));
      if (!unit) continue;
      dict.administrative_unit = unit;
      const name = graph.value(s, skos('prefLabel'));
      if (name) dict.administrative_unit_name = name;
    }
  }
}
