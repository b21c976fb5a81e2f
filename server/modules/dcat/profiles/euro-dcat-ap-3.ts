// DCAT-AP 3 (euro_dcat_ap_3, the default): DCAT-AP 2's mapping with AP 3's changes — the
// version is dcat:version, byte sizes are xsd:nonNegativeInteger, any checksum algorithm is
// allowed, a geometry is a locn:Geometry node, and hasVersion is said with dcat:hasVersion too.
import { DataFactory } from 'n3';
import type { Literal } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';
import { stableBlank, text, typed, uri, type GraphBuilder, type Subject } from '../rdf/graph-builder.js';
import { listField } from './fields.js';
import type { DatasetContext } from './profile.js';
import { EuroDcatAp2Profile } from './euro-dcat-ap-2.js';

const { dcat, locn, gsp } = ns;

export class EuroDcatAp3Profile extends EuroDcatAp2Profile {
  override readonly name: string = 'euro_dcat_ap_3';

  protected override addVersion(g: GraphBuilder, node: Subject, version: string): void {
    g.add(node, dcat('version'), text(version));
  }

  protected override byteSize(size: string): Literal | null {
    return typed(size, 'nonNegativeInteger');
  }

  protected override checksumAllowed(): boolean {
    return true;
  }

  /** AP 3's range shape wants a locn:Geometry node: the WKT hangs off it as gsp:asWKT. */
  protected override addGeometry(g: GraphBuilder, location: Subject, wkt: string): void {
    const geom = stableBlank(location.value, 'geometry');
    g.add(location, locn('geometry'), geom);
    g.type(geom, locn('Geometry'));
    g.add(geom, gsp('asWKT'), DataFactory.literal(wkt, gsp('wktLiteral')));
  }

  override graphDataset(ctx: DatasetContext): void {
    super.graphDataset(ctx);
    for (const v of listField(ctx.dataset, 'has_version')) {
      const u = uri(v);
      if (u) ctx.g.add(ctx.node, dcat('hasVersion'), u);
    }
  }
}
