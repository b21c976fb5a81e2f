// GeoJSON (what CKAN's `spatial` fields hold) ↔ WKT (what DCAT-AP's locn:geometry, dcat:bbox and
// dcat:centroid carry as gsp:wktLiteral), for the simple geometry types. Coordinates stay in
// WGS84 lon/lat order, which is the default CRS of a wktLiteral without a CRS IRI.
type Pos = number[];
type Geometry =
  | { type: 'Point'; coordinates: Pos }
  | { type: 'MultiPoint' | 'LineString'; coordinates: Pos[] }
  | { type: 'MultiLineString' | 'Polygon'; coordinates: Pos[][] }
  | { type: 'MultiPolygon'; coordinates: Pos[][][] };

const pos = (p: Pos) => p.join(' ');
const ring = (r: Pos[]) => `(${r.map(pos).join(', ')})`;
const rings = (rs: Pos[][]) => `(${rs.map(ring).join(', ')})`;

function isPos(p: unknown): p is Pos {
  return Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function depthOk(c: unknown, depth: number): boolean {
  if (depth === 0) return isPos(c);
  return Array.isArray(c) && c.length > 0 && c.every((x) => depthOk(x, depth - 1));
}

const DEPTH: Record<Geometry['type'], number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** WKT for a GeoJSON geometry given as an object or JSON text; null for anything else. */
export function wktFromGeoJson(value: unknown): string | null {
  let g: unknown = value;
  if (typeof g === 'string') {
    if (!g.trim().startsWith('{')) return null;
    try { g = JSON.parse(g); } catch { return null; }
  }
  if (!g || typeof g !== 'object') return null;
  const { type, coordinates } = g as { type?: string; coordinates?: unknown };
  if (!type || !(type in DEPTH) || !depthOk(coordinates, DEPTH[type as Geometry['type']])) return null;
  const geom = g as Geometry;
  const name = geom.type.toUpperCase();
  switch (geom.type) {
    case 'Point': return `POINT (${pos(geom.coordinates)})`;
    case 'MultiPoint': return `MULTIPOINT (${geom.coordinates.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'LineString': return `${name} ${ring(geom.coordinates)}`;
    case 'MultiLineString': case 'Polygon': return `${name} ${rings(geom.coordinates)}`;
    case 'MultiPolygon': return `${name} (${geom.coordinates.map(rings).join(', ')})`;
  }
}

/** Parses the WKT this module writes (and the usual variants) back into GeoJSON. */
export function geoJsonFromWkt(wkt: string): Geometry | null {
  // A CRS IRI may precede the geometry: "<http://…/CRS84> POINT (…)".
  const m = /^\s*(?:<[^>]*>\s*)?([A-Za-z]+)\s*(\(.*\))\s*$/s.exec(wkt);
  if (!m) return null;
  const type = ({ POINT: 'Point', MULTIPOINT: 'MultiPoint', LINESTRING: 'LineString', MULTILINESTRING: 'MultiLineString', POLYGON: 'Polygon', MULTIPOLYGON: 'MultiPolygon' } as const)[m[1]!.toUpperCase()];
  if (!type) return null;
  // Turn the nested parentheses into JSON arrays: "(1 2, 3 4)" → [[1,2],[3,4]].
  const json = m[2]!
    .replace(/\(/g, '[').replace(/\)/g, ']')
    .replace(/(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?:\s+(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?))+/g, (s) => `[${s.trim().split(/\s+/).join(',')}]`);
  let coords: unknown;
  try { coords = JSON.parse(json); } catch { return null; }
  if (type === 'Point') coords = (coords as unknown[])[0];
  if (type === 'MultiPoint') coords = (coords as unknown[][]).map((p) => (Array.isArray(p[0]) ? p[0] : p));
  return depthOk(coords, DEPTH[type]) ? ({ type, coordinates: coords } as Geometry) : null;
}
