// The first fence of datastore_search_sql: the statement as Postgres's own grammar reads it
// (libpg-query is Postgres's parser compiled to WebAssembly), so comments, U& identifiers,
// UESCAPE, dollar quoting and case folding are resolved exactly as the server will resolve them.
// The tree is walked node by node against allow-lists: a node kind, function, type or operator
// that is not known to be a pure computation over the values read is refused.
import { parse } from 'libpg-query';
import { AuthorizationError, ValidationError } from '../../core/errors.js';
import { ALLOWED_FUNCTIONS, ALLOWED_TYPES, ALLOWED_VALUE_FUNCTIONS, TABLESAMPLE_METHODS } from './allowed-functions.js';

/** What the statement reads, as the parser saw it. */
export interface CheckedSelect {
  /** names of the relations it reads (CTE references excluded), as written (case kept when quoted) */
  relations: string[];
  /**
   * The statement alone, as the parser delimited it: no trailing semicolon, comment or second
   * statement can reach the SQL Kho wraps around it.
   */
  statement: string;
}

export interface CheckOptions {
  /**
   * True for a name that Postgres could resolve to a function. `x.f` and `(x).f` call f(x) when
   * x has no field f ("attribute notation"), so such a name after a dot is vetted like a call.
   */
  isFunctionName: (name: string) => boolean;
}

// Node kinds a reading SELECT is made of; anything else (XML, JSON constructors, parameters,
// locking clauses, SELECT INTO, …) is refused before it can be interpreted.
const ALLOWED_NODES = new Set([
  'SelectStmt', 'WithClause', 'CommonTableExpr', 'CTESearchClause', 'CTECycleClause', 'ResTarget', 'ColumnRef',
  'A_Star', 'A_Const', 'A_Expr', 'BoolExpr', 'FuncCall', 'NamedArgExpr', 'TypeCast', 'TypeName', 'RangeVar',
  'RangeSubselect', 'RangeFunction', 'RangeTableSample', 'JoinExpr', 'Alias', 'SortBy', 'WindowDef', 'SubLink',
  'CaseExpr', 'CaseWhen', 'CoalesceExpr', 'MinMaxExpr', 'NullTest', 'BooleanTest', 'A_ArrayExpr', 'A_Indirection',
  'A_Indices', 'RowExpr', 'GroupingSet', 'GroupingFunc', 'CollateClause', 'ColumnDef', 'SQLValueFunction',
  'String', 'Integer', 'Float', 'Boolean', 'BitString', 'List',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ONLY_SELECT = 'Only a single SELECT statement is allowed';

const asObject = (v: Json | undefined): JsonObject | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : null;
const asList = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** `[{String: {sval: 'a'}}, …]` → `['a', …]` (other nodes, such as A_Star, give null). */
function names(list: Json | undefined): (string | null)[] {
  return asList(list).map((n) => {
    const s = asObject(asObject(n)?.String ?? null);
    return typeof s?.sval === 'string' ? s.sval : null;
  });
}

/** A name written bare or under pg_catalog (where the parser itself puts built-ins); null otherwise. */
function builtinName(qualified: (string | null)[]): string | null {
  if (qualified.length === 1) return qualified[0] ?? null;
  if (qualified.length === 2 && qualified[0] === 'pg_catalog') return qualified[1] ?? null;
  return null;
}

const isSystemName = (name: string) => /^(pg_|information_schema$)/i.test(name);

class Walker {
  readonly relations = new Set<string>();

  constructor(private readonly opts: CheckOptions) {}

  /** Visits every node under `value`; `ctes` are the WITH names visible here. */
  walk(value: Json | undefined, ctes: ReadonlySet<string>): void {
    if (Array.isArray(value)) {
      for (const item of value) this.walk(item, ctes);
      return;
    }
    const obj = asObject(value ?? null);
    if (!obj) return;
    // Some fields hold a node's body without its kind (TypeCast.typeName is a bare TypeName,
    // RangeVar.alias a bare Alias): recognise the ones that name things by their shape.
    if ('relname' in obj) return this.rangeVar(obj, ctes);
    if ('funcname' in obj) return this.funcCall(obj, ctes);
    if ('names' in obj && 'typemod' in obj) return this.typeName(obj, ctes);
    for (const [key, body] of Object.entries(obj)) {
      // Node kinds are capitalised; fields are not.
      if (/^[A-Z]/.test(key)) this.node(key, asObject(body) ?? {}, ctes);
      else this.walk(body, ctes);
    }
  }

  private node(kind: string, body: JsonObject, ctes: ReadonlySet<string>): void {
    if (!ALLOWED_NODES.has(kind)) throw new ValidationError({ query: [`${kind} is not allowed in a DataStore query`] });
    switch (kind) {
      case 'SelectStmt': return this.select(body, ctes);
      case 'RangeVar': return this.rangeVar(body, ctes);
      case 'FuncCall': return this.funcCall(body, ctes);
      case 'TypeName': return this.typeName(body, ctes);
      case 'ColumnRef': return this.attributes(names(body.fields).slice(1), body, ctes);
      case 'A_Indirection': return this.attributes(names(body.indirection), body, ctes);
      case 'A_Expr': return this.operator(body, ctes);
      case 'SubLink':
        this.operatorName(names(body.operName));
        return this.walk(body, ctes);
      case 'SortBy':
        if (body.useOp) this.operatorName(names(body.useOp));
        return this.walk(body, ctes);
      case 'SQLValueFunction':
        if (!ALLOWED_VALUE_FUNCTIONS.has(String(body.op))) throw new AuthorizationError(`Not authorized to read ${String(body.op).replace(/^SVFOP_/, '').toLowerCase()}`);
        return;
      case 'RangeTableSample': {
        const method = builtinName(names(body.method));
        if (!method || !TABLESAMPLE_METHODS.has(method)) throw new ValidationError({ query: ['TABLESAMPLE takes BERNOULLI or SYSTEM only'] });
        return this.walk({ relation: body.relation ?? null, args: body.args ?? null, repeatable: body.repeatable ?? null }, ctes);
      }
      case 'CollateClause':
        return this.walk(body.arg, ctes);
      default:
        return this.walk(body, ctes);
    }
  }

  private select(body: JsonObject, outer: ReadonlySet<string>): void {
    if (body.intoClause) throw new ValidationError({ query: ['SELECT INTO is not allowed: only reading SELECT statements are'] });
    if (asList(body.lockingClause).length) throw new ValidationError({ query: ['FOR UPDATE / FOR SHARE is not allowed: only reading SELECT statements are'] });
    let scope = outer;
    const withClause = asObject(body.withClause ?? null);
    if (withClause) {
      const recursive = withClause.recursive === true;
      const ctes = asList(withClause.ctes).map((c) => asObject(asObject(c)?.CommonTableExpr ?? null) ?? {});
      const all = new Set([...outer, ...ctes.map((c) => String(c.ctename))]);
      const seen = new Set(outer);
      for (const cte of ctes) {
        const query = asObject(cte.ctequery ?? null);
        // WITH … AS (DELETE/UPDATE/INSERT …) would write.
        if (!query || Object.keys(query)[0] !== 'SelectStmt') throw new ValidationError({ query: [ONLY_SELECT] });
        // A later name is a table, not this WITH's entry, unless the WITH is recursive.
        const visible = recursive ? all : seen;
        const { ctequery: _q, ...rest } = cte;
        this.walk(query, visible);
        this.walk(rest, visible);
        seen.add(String(cte.ctename));
      }
      scope = all;
    }
    const { withClause: _w, ...rest } = body;
    this.walk(rest, scope);
  }

  private rangeVar(body: JsonObject, ctes: ReadonlySet<string>): void {
    const name = String(body.relname ?? '');
    const schema = typeof body.schemaname === 'string' ? body.schemaname : null;
    if (body.catalogname || (schema && schema !== 'datastore') || isSystemName(name)) {
      throw new AuthorizationError('Not authorized to read anything but DataStore tables');
    }
    if (!schema && ctes.has(name)) return;
    this.relations.add(name);
  }

  private funcCall(body: JsonObject, ctes: ReadonlySet<string>): void {
    const qualified = names(body.funcname);
    const name = builtinName(qualified);
    if (!name || !ALLOWED_FUNCTIONS.has(name)) {
      throw new AuthorizationError(`Not authorized to call function ${qualified.filter(Boolean).join('.')}`);
    }
    const { funcname: _f, ...rest } = body;
    this.walk(rest, ctes);
  }

  private typeName(body: JsonObject, ctes: ReadonlySet<string>): void {
    const qualified = names(body.names);
    const name = builtinName(qualified);
    if (body.pct_type || !name || !ALLOWED_TYPES.has(name)) {
      throw new ValidationError({ query: [`Type ${qualified.filter(Boolean).join('.')} is not allowed in a DataStore query`] });
    }
    this.walk({ typmods: body.typmods ?? null, arrayBounds: body.arrayBounds ?? null }, ctes);
  }

  /** Field names after a dot: a function name there would be a call in disguise. */
  private attributes(fields: (string | null)[], body: JsonObject, ctes: ReadonlySet<string>): void {
    for (const field of fields) {
      if (field === null) continue;
      if (isSystemName(field)) throw new AuthorizationError('Not authorized to access system tables');
      if (this.opts.isFunctionName(field) && !ALLOWED_FUNCTIONS.has(field)) {
        throw new AuthorizationError(`Not authorized to call function ${field} (write such a column without the table name before it, or rename it with AS)`);
      }
    }
    this.walk(body, ctes);
  }

  private operator(body: JsonObject, ctes: ReadonlySet<string>): void {
    // `OPERATOR(schema.op)` could reach an operator outside pg_catalog.
    this.operatorName(names(body.name));
    const { name: _n, ...rest } = body;
    this.walk(rest, ctes);
  }

  private operatorName(qualified: (string | null)[]): void {
    if (qualified.length && !builtinName(qualified)) {
      throw new AuthorizationError(`Not authorized to use operator ${qualified.filter(Boolean).join('.')}`);
    }
  }
}

/** Parses and vets one reading SELECT; throws CKAN's 409 (not a reading SELECT) or 403 (reaches out). */
export async function checkSelect(text: string, opts: CheckOptions): Promise<CheckedSelect> {
  let tree: { stmts?: { stmt?: Json; stmt_location?: number; stmt_len?: number }[] };
  try {
    tree = await parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ValidationError({ query: [message.split('\n')[0]!], info: { statement: [text] } });
  }
  const stmts = tree.stmts ?? [];
  const stmt = asObject(stmts[0]?.stmt ?? null);
  if (stmts.length !== 1 || !stmt || Object.keys(stmt)[0] !== 'SelectStmt') {
    throw new ValidationError({ query: [ONLY_SELECT] });
  }
  const walker = new Walker(opts);
  walker.walk(stmt, new Set());
  // The parser's offsets count UTF-8 bytes.
  const bytes = Buffer.from(text, 'utf8');
  const start = stmts[0]!.stmt_location ?? 0;
  const end = stmts[0]!.stmt_len ? start + stmts[0]!.stmt_len : bytes.length;
  return { relations: [...walker.relations], statement: bytes.subarray(start, end).toString('utf8') };
}
