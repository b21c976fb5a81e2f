// A small RDF/XML writer. There is no maintained RDF/XML *serialiser* for RDF/JS (n3 writes
// Turtle, N-Triples and N3 only; rdfxml-streaming-parser only parses), and ckanext-dcat's
// consumers default to RDF/XML (`/catalog.rdf`, `/catalog.xml`), so Kho writes it itself.
// It uses only the plain "striped" form: one rdf:Description per subject, one property element
// per triple, objects as rdf:resource / rdf:nodeID / text with xml:lang or rdf:datatype. That
// subset is unambiguous and every RDF/XML parser reads it.
import type { Quad, Term } from '@rdfjs/types';
import { PREFIXES, RDF_LANG_STRING, XSD_STRING } from './namespaces.js';

// XML 1.0 cannot carry these characters at all, not even as references; RDF literals from
// publishers' text sometimes hold them (pasted from old files). They become U+FFFD rather than
// producing a document no parser accepts.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(s: string): string {
  // \r must be a reference: XML parsers turn a literal CR (and CRLF) into LF.
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttr(s: string): string {
  // Attribute values are whitespace-normalised by parsers unless tab/LF/CR are references.
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Splits a predicate IRI into namespace + local name; RDF/XML can only write such predicates. */
function splitIri(iri: string): [string, string] {
  const m = /^(.*[#/:])([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(iri);
  if (!m || !NCNAME.test(m[2]!)) throw new Error(`RDF/XML cannot write the predicate <${iri}> (no XML name at its end)`);
  return [m[1]!, m[2]!];
}

export function writeRdfXml(quads: readonly Quad[], prefixes: Record<string, string> = PREFIXES): string {
  const prefixOf = new Map<string, string>(Object.entries(prefixes).map(([p, ns]) => [ns, p]));
  const used = new Map<string, string>([[PREFIXES.rdf, 'rdf']]);
  let generated = 0;
  const qname = (iri: string): string => {
    const [nsIri, local] = splitIri(iri);
    let p = used.get(nsIri);
    if (!p) {
      p = prefixOf.get(nsIri) ?? `ns${++generated}`;
      used.set(nsIri, p);
    }
    return `${p}:${local}`;
  };
  // Blank node labels become nodeIDs numbered per document: always valid XML names.
  const nodeIds = new Map<string, string>();
  const nodeId = (t: Term) => {
    let id = nodeIds.get(t.value);
    if (!id) nodeIds.set(t.value, (id = `n${nodeIds.size}`));
    return id;
  };

  const bySubject = new Map<string, { subject: Term; quads: Quad[] }>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    (bySubject.get(key) ?? bySubject.set(key, { subject: q.subject, quads: [] }).get(key)!).quads.push(q);
  }

  const body: string[] = [];
  for (const { subject, quads: qs } of bySubject.values()) {
    const about = subject.termType === 'BlankNode'
      ? `rdf:nodeID="${nodeId(subject)}"`
      : `rdf:about="${escapeAttr(subject.value)}"`;
    body.push(`  <rdf:Description ${about}>`);
    for (const { predicate, object } of qs) {
      const el = qname(predicate.value);
      if (object.termType === 'NamedNode') {
        body.push(`    <${el} rdf:resource="${escapeAttr(object.value)}"/>`);
      } else if (object.termType === 'BlankNode') {
        body.push(`    <${el} rdf:nodeID="${nodeId(object)}"/>`);
      } else if (object.termType === 'Literal') {
        let attrs = '';
        if (object.language) attrs = ` xml:lang="${escapeAttr(object.language)}"`;
        else if (object.datatype.value !== XSD_STRING && object.datatype.value !== RDF_LANG_STRING) {
          attrs = ` rdf:datatype="${escapeAttr(object.datatype.value)}"`;
        }
        body.push(`    <${el}${attrs}>${escapeText(object.value)}</${el}>`);
      } else {
        throw new Error(`RDF/XML cannot write a ${object.termType} object`);
      }
    }
    body.push('  </rdf:Description>');
  }

  const xmlns = [...used].map(([nsIri, p]) => `  xmlns:${p}="${escapeAttr(nsIri)}"`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n${xmlns}\n>\n${body.join('\n')}${body.length ? '\n' : ''}</rdf:RDF>\n`;
}
