// Content negotiation on /catalog and /dataset/{id}, as ckanext-dcat does it: the Accept header's
// media types in q order; the first RDF type (or `application/*`, `text/*`) picks the format, and
// `text/html` before any RDF type means the caller wants the HTML page, not DCAT.

/** The RDF formats a bare URL can be negotiated to, by the media type asked for. */
const BY_MEDIA_TYPE: Readonly<Record<string, string>> = {
  'application/rdf+xml': 'rdf',
  'text/turtle': 'ttl',
  'text/n3': 'n3',
  'application/n-triples': 'nt',
  'application/ld+json': 'jsonld',
};

/** A wildcard's pick, as ckanext-dcat's first format of that type: RDF/XML and N3. */
const BY_WILDCARD: Readonly<Record<string, string>> = { 'application/*': 'rdf', 'text/*': 'n3' };

interface Choice { type: string; q: number; order: number }

function choices(accept: string): Choice[] {
  const out: Choice[] = [];
  // Headers are short; a silly one is cut rather than parsed at length on every request.
  accept.slice(0, 2048).split(',').forEach((part, order) => {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    if (!type) return;
    let q = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    // q=0 says "not this one"; a q that is not a number is not a preference either.
    if (Number.isFinite(q) && q > 0) out.push({ type: type.toLowerCase(), q, order });
  });
  // Highest q first; equal q keep the header's order (Array.prototype.sort is stable).
  return out.sort((a, b) => b.q - a.q || a.order - b.order);
}

/** The RDF format an Accept header asks for, or null when it wants HTML or no RDF at all. */
export function negotiatedFormat(accept: string | undefined): string | null {
  if (!accept) return null;
  for (const c of choices(accept)) {
    if (c.type === 'text/html') return null;
    const exact = BY_MEDIA_TYPE[c.type];
    if (exact) return exact;
    const wild = BY_WILDCARD[c.type];
    if (wild) return wild;
  }
  return null;
}
