// DCAT-AP 3 (euro_dcat_ap_3, the default): DCAT-AP 2's mapping with AP 3's changes — the
// version is dcat:version, byte sizes are xsd:nonNegativeInteger, an alternate identifier is an
// adms:Identifier node with its skos:notation, and hasVersion is said with dcat:hasVersion too.
import type { Literal } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';
import { stableBlank, text, typed, uri, type GraphBuilder, type Subject } from '../rdf/graph-builder.js';
import { listField } from './fields.js';
import type { DatasetContext } from './profile.js';
import { EuroDcatAp2Profile } from './euro-dcat-ap-2.js';

const { dcat, adms, skos } = ns;

export class EuroDcatAp3Profile extends EuroDcatAp2Profile {
  override readonly name: string = 'euro_dcat_ap_3';

  protected override addVersion(g: GraphBuilder, node: Subject, version: string): void {
    g.add(node, dcat('version'), text(version));
  }

  protected override byteSize(size: string): Literal | null {
    return typed(size, 'nonNegativeInteger');
  }

  protected override addAlternateIdentifier(g: GraphBuilder, node: Subject, value: string): void {
    const id = stableBlank(node.value, 'alternate_identifier', value);
    g.add(node, adms('identifier'), id);
    g.type(id, adms('Identifier'));
    g.add(id, skos('notation'), text(value));
  }

  override graphDataset(ctx: DatasetContext): void {
    super.graphDataset(ctx);
    for (const v of listField(ctx.dataset, 'has_version')) {
      const u = uri(v);
      if (u) ctx.g.add(ctx.node, dcat('hasVersion'), u);
    }
  }
}
