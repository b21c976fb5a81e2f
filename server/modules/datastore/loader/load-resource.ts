// The datastore_load job: a resource's CSV/TSV/XLSX/XLS/ODS file into its DataStore table, as
// CKAN's XLoader does, but in-process. Delimited text goes straight into COPY when it can
// (copy-direct.ts), otherwise row by row through papaparse; spreadsheets row by row through
// SheetJS. Either way the rows land in a staging table, and only a complete load replaces the
// table, in one transaction, so readers never see a half-filled table. The publisher's
// dictionary (labels, notes, units, type overrides) and the table's aliases survive reloads.
import { and, eq, sql } from 'drizzle-orm';
import type { Kho } from '../../../core/kho.js';
import { packages, resources, users } from '../../../db/schema.js';
import { JobInputError, superseded, type Job } from '../../../jobs/job-queue.js';
import type { JobHandler } from '../../../jobs/worker.js';
import { siteUser, type AuthUser } from '../../../auth/users.js';
import { tabularKind, type TabularKind } from './tabular.js';
import { quoteIdent, type FieldDef } from '../fields.js';
import { findTable, refreshAliasViews, saveTableMeta, tableRef } from '../tables.js';
import { cleanHeaders, DICTIONARY_TYPE, firstRowIsHeader, NORMALISE, numberedColumns, TypeGuesser, type ColumnType } from './columns.js';
import { decodeText } from './text-decode.js';
import { delimitedRows } from './delimited-rows.js';
import { checkZipInflation, SPREADSHEET_LIMITS, spreadsheetRowsOffThread } from './spreadsheet-rows.js';
import { rowsOf } from '../../../db/sql-helpers.js';
import { classifyCopyError, NotDirect, readDelimitedHead } from './copy-direct.js';
import { copyOfLink, readAll, resourceBytes, type LinkedCopy } from './resource-bytes.js';
import { timeSlice } from './yield-slice.js';
import { asBool } from '../../../text/as-bool.js';

const SAMPLE_ROWS = 10_000;
const MAX_LINE_CHARS = 1024 * 1024;
const MAX_REPORTED_LINES = 20;

/** A value that does not fit its column's guessed type; names the column to load again as text. */
class Misfit extends Error {
  constructor(readonly columnId: string) {
    super(`a value in "${columnId}" does not fit its guessed type`);
  }
}

/** The publisher's word on the first row (resource extra `datastore_header`), if any. */
function headerOverride(res: typeof resources.$inferSelect): boolean | null {
  const v = res.extras.datastore_header;
  if (v === undefined || v === null || v === '') return null;
  return asBool(v);
}

/** The type a dictionary's type_override (or a client's type name) asks for. */
function overrideType(name: unknown): ColumnType | null {
  if (typeof name !== 'string') return null;
  const t = name.toLowerCase();
  if (['int', 'int4', 'int8', 'integer', 'bigint'].includes(t)) return 'int8';
  if (['numeric', 'float', 'float8', 'number'].includes(t)) return 'numeric';
  if (['date', 'timestamp', 'text'].includes(t)) return t as ColumnType;
  if (['bool', 'boolean'].includes(t)) return 'bool';
  return null;
}

export function datastoreLoader(kho: Kho): JobHandler {
  const db = kho.database.db;

  // The copy of each linked file being loaded now, by resource (one load per resource at a time).
  const copies = new Map<string, LinkedCopy>();
  const openBytes = (res: typeof resources.$inferSelect, maxBytes: number) => resourceBytes(kho, res, maxBytes, copies.get(res.id));

  /**
   * Header and rows of the file, whatever its kind; `firstLine` numbers the first data row;
   * `close()` lets go of what reads the rows (a spreadsheet's worker thread).
   */
  async function openRows(res: typeof resources.$inferSelect, kind: TabularKind) {
    if (kind === 'spreadsheet') {
      const buf = await readAll(await openBytes(res, Math.min(SPREADSHEET_LIMITS.maxBytes, kho.config.maxUploadBytes)));
      await checkZipInflation(buf);
      const sheet = typeof res.extras.datastore_sheet === 'string' ? res.extras.datastore_sheet : undefined;
      const s = await spreadsheetRowsOffThread(buf, sheet);
      return { header: s.headers, rows: s.rows[Symbol.asyncIterator](), firstLine: s.firstLine, detectHeader: false, close: s.close };
    }
    const text = decodeText(await openBytes(res, kho.config.maxUploadBytes), MAX_LINE_CHARS);
    const rows = delimitedRows(text, kind === 'tsv' ? '\t' : undefined)[Symbol.asyncIterator]();
    const first = await rows.next();
    if (first.done) throw new JobInputError('The file is empty');
    return { header: first.value, rows, firstLine: 2, detectHeader: true, close: () => {} };
  }

  /** Field ids and types from the header and sampled rows, with the dictionary's overrides. */
  function planColumns(header: string[], sample: Iterable<string[]>, forced: Map<string, ColumnType>) {
    const ids = cleanHeaders(header);
    if (ids.length > SPREADSHEET_LIMITS.maxColumns) {
      throw new JobInputError(`The file has ${ids.length} columns; a DataStore table holds at most ${SPREADSHEET_LIMITS.maxColumns}`);
    }
    const guesser = new TypeGuesser(ids.length);
    for (const row of sample) guesser.add(row);
    const types = guesser.types().map((t, i) => forced.get(ids[i]!) ?? t);
    return { ids, types };
  }

  const dropStaging = (staging: string) => db.execute(sql.raw(`drop table if exists ${staging}`)).catch(() => {});

  async function createStaging(res: typeof resources.$inferSelect, ids: string[], types: ColumnType[]) {
    const staging = `datastore.${quoteIdent(`${res.id}__load`)}`;
    await dropStaging(staging);
    await db.execute(sql.raw(`create table ${staging} (_id serial primary key${ids.map((id, i) => `, ${quoteIdent(id)} ${types[i]}`).join('')})`));
    return staging;
  }

  /** Delimited text straight into COPY (see copy-direct.ts); NotDirect when it must go row by row. */
  async function loadDirect(res: typeof resources.$inferSelect, kind: 'delimited' | 'tsv', forced: Map<string, ColumnType>,
    progress: (n: number) => Promise<void>) {
    const head = await readDelimitedHead(await openBytes(res, kho.config.maxUploadBytes), SAMPLE_ROWS, MAX_LINE_CHARS,
      kind === 'tsv' ? '\t' : undefined);
    const hasHeader = headerOverride(res) ?? firstRowIsHeader(head.header, head.sample);
    const { ids, types } = hasHeader
      ? planColumns(head.header, head.sample, forced)
      : planColumns(numberedColumns(head.header.length), [head.header, ...head.sample], forced);
    if (!ids.length) throw new NotDirect('no columns');
    const staging = await createStaging(res, ids, types);
    let bytes = 0;
    const slice = timeSlice();
    async function* reporting() {
      for await (const chunk of head.records((n) => { bytes = n; })) {
        yield chunk;
        await progress(Math.floor(bytes / head.bytesPerLine));
        const turn = slice();
        if (turn) await turn;
      }
    }
    try {
      await kho.database.copyIn(`${staging} (${ids.map(quoteIdent).join(', ')})`, reporting(), {
        delimiter: head.delimiter,
        header: hasHeader,
        forceNull: ids.map(quoteIdent).join(', '),
        dateStyle: 'ISO, DMY',
      });
    } catch (err) {
      await dropStaging(staging);
      const failure = classifyCopyError(err, ids);
      if (failure === null) throw err;
      if (failure === 'not-direct') throw new NotDirect(err instanceof Error ? err.message : String(err));
      // A value COPY refused that the row-by-row path would take (a blank, a differently
      // written number) goes that way; one that fits nowhere makes its column text.
      const type = types[ids.indexOf(failure.column)]!;
      const value = failure.value.trim();
      if (value === '' || NORMALISE[type](value) !== undefined) throw new NotDirect(`"${failure.value}" in ${failure.column}`);
      throw new Misfit(failure.column);
    }
    const [counted] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select coalesce(max(_id), 0)::int as n from ${staging}`)));
    return { staging, ids, types, count: counted?.n ?? 0 };
  }

  /** Row by row through JavaScript into a new staging table; throws Misfit when a type guess fails. */
  async function loadByRows(res: typeof resources.$inferSelect, kind: TabularKind,
    forced: Map<string, ColumnType>, progress: (n: number) => Promise<void>) {
    const opened = await openRows(res, kind);
    try {
      const { rows } = opened;
      let { header, firstLine } = opened;
      const sample: string[][] = [];
      for (let next = await rows.next(); !next.done; next = sample.length < SAMPLE_ROWS ? await rows.next() : { done: true, value: undefined }) {
        sample.push(next.value);
      }
      if (opened.detectHeader && !(headerOverride(res) ?? firstRowIsHeader(header, sample))) {
        sample.unshift(header);
        header = numberedColumns(header.length);
        firstLine = 1;
      }
      const { ids, types } = planColumns(header, sample, forced);
      const width = ids.length;
      const staging = await createStaging(res, ids, types);
      const bad: { line: number; message: string }[] = [];
      let badCount = 0;
      let count = 0;
      let line = firstLine - 1;
      const normalisers = types.map((t) => NORMALISE[t]);
      const slice = timeSlice();
      async function* csv(): AsyncGenerator<string> {
        const batch: string[] = [];
        const take = async function* (row: string[]) {
          line++;
          if (row.length > width && row.slice(width).some((v) => v.trim() !== '')) {
            badCount++;
            if (bad.length < MAX_REPORTED_LINES) bad.push({ line, message: `${row.length} values where the header has ${width}` });
            return;
          }
          let out = '';
          for (let i = 0; i < width; i++) {
            const cell = row[i] ?? '';
            if (i) out += ',';
            // Text is kept as written, as COPY keeps it; a typed cell is read without its padding.
            if (cell === '') continue;
            let v: string | undefined = cell;
            if (types[i] !== 'text') {
              const trimmed = cell.trim();
              if (trimmed === '') continue;
              v = normalisers[i]!(trimmed);
              if (v === undefined) throw new Misfit(ids[i]!);
            }
            out += `"${v.replace(/"/g, '""')}"`;
          }
          batch.push(out);
          count++;
          const turn = slice();
          if (turn) await turn;
          if (batch.length >= 2000) {
            yield `${batch.join('\n')}\n`;
            batch.length = 0;
            await progress(count);
          }
        };
        for (const row of sample) yield* take(row);
        for (let next = await rows.next(); !next.done; next = await rows.next()) yield* take(next.value);
        if (batch.length) yield `${batch.join('\n')}\n`;
      }
      try {
        if (width) await kho.database.copyIn(`${staging} (${ids.map(quoteIdent).join(', ')})`, csv());
      } catch (err) {
        await dropStaging(staging);
        // The COPY may hand back the generator's error wrapped.
        const cause = (err as { cause?: unknown })?.cause;
        throw cause instanceof Misfit ? cause : err;
      }
      if (badCount) {
        await dropStaging(staging);
        throw new JobInputError(`${badCount} malformed row${badCount === 1 ? '' : 's'} (lines ${bad.map((b) => b.line).join(', ')}${badCount > bad.length ? ', …' : ''})`, bad);
      }
      return { staging, ids, types, count };
    } finally {
      opened.close();
    }
  }

  /** Whom the load's writes are recorded as: who queued it while still active, else Kho itself. */
  async function actorOf(job: Job): Promise<AuthUser> {
    const [user] = job.createdBy
      ? await db.select({ id: users.id, name: users.name, sysadmin: users.sysadmin }).from(users)
        .where(and(eq(users.id, job.createdBy), eq(users.state, 'active')))
      : [];
    return user ?? siteUser(db);
  }

  const load: JobHandler = async (job, progress) => {
    const [row] = await db.select({ r: resources, state: packages.state }).from(resources)
      .innerJoin(packages, eq(packages.id, resources.packageId))
      .where(and(eq(resources.id, job.key), eq(resources.state, 'active')));
    if (!row || row.state === 'deleted') return { rows: 0 }; // gone meanwhile: nothing to load
    const res = row.r;
    const kind = tabularKind(res.format, res.url);
    if (!kind) throw new JobInputError(`Resources in format "${res.format || 'unknown'}" are not loaded into the DataStore`);
    const previous = await findTable(db, res.id);
    const forced = new Map<string, ColumnType>();
    for (const f of previous?.fields ?? []) {
      const t = overrideType(f.info?.type_override);
      if (t) forced.set(f.id, t);
    }
    let loaded;
    let direct = kind !== 'spreadsheet';
    let method = kind === 'spreadsheet' ? 'spreadsheet rows' : 'direct copy';
    const copy = await copyOfLink(kho, res, kho.config.maxUploadBytes);
    if (copy) copies.set(res.id, copy);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          if (direct && kind !== 'spreadsheet') {
            try {
              loaded = await loadDirect(res, kind, forced, (n) => progress.rows(n));
              break;
            } catch (err) {
              if (!(err instanceof NotDirect)) throw err;
              direct = false;
              method = `row by row (${err.message})`;
            }
          }
          loaded = await loadByRows(res, kind, forced, (n) => progress.rows(n));
          break;
        } catch (err) {
          // A value past the sample did not fit its column's guessed type: load it again as text.
          if (!(err instanceof Misfit) || attempt > 50) throw err;
          forced.set(err.columnId, 'text');
        }
      }
    } finally {
      copies.delete(res.id);
      await copy?.dispose();
    }
    const { staging, ids, types, count } = loaded;
    const fields: FieldDef[] = ids.map((id, i) => {
      const info = previous?.fields.find((f) => f.id === id)?.info;
      return { id, type: DICTIONARY_TYPE[types[i]!], ...(info ? { info } : {}) };
    });
    const swapped = await db.transaction(async (tx) => {
      if (await superseded(tx, job)) return false;
      await tx.execute(sql.raw(`drop table if exists ${tableRef(res.id)} cascade`));
      await tx.execute(sql.raw(`alter table ${staging} rename to ${quoteIdent(res.id)}`));
      await refreshAliasViews(tx, res.id, previous?.aliases ?? []);
      await saveTableMeta(tx, res.id, fields, []);
      return true;
    });
    if (!swapped) {
      await dropStaging(staging);
      return { rows: 0 };
    }
    if (res.extras.datastore_active !== true) {
      // The dataset's activity names who asked for the load (the site user when nobody did).
      await kho.actions.run({ kho, user: await actorOf(job), ignoreAuth: true }, 'resource_patch', { id: res.id, datastore_active: true });
    }
    return { rows: count, method };
  };
  // Loads at once in this process. On the embedded database every load shares the server's one
  // thread and one connection with the API, so one at a time; a Postgres server has cores and
  // connections of its own for a second.
  load.slots = kho.config.datastoreLoadSlots ?? (kho.database.kind === 'pglite' ? 1 : 2);
  // A file changed again while its load waited: only the newest load is worth running.
  load.supersede = true;
  return load;
}
