/**
 * CSV import of CIs: the file is read as a stream (bytes -> UTF-8 text -> records -> plan), so a
 * large file never sits in memory as text or as rows. Planning writes nothing. Importing plans
 * again on the current data (another device may have written since the preview) and then writes
 * everything in bulk: one bulkUpsert for the CIs, one history entry per created or changed CI.
 */
import type { ClassDefinitions } from '../../shared/domain/ciClasses';
import type { ColumnTarget } from '../../shared/domain/ciColumns';
import {
  ImportPlanner,
  buildLookup,
  type ImportContext,
  type ImportPlan,
} from '../../shared/domain/ciImport';
import { CsvStreamParser, type CsvDelimiter, type CsvIssue, type CsvRecord } from '../../shared/domain/csv';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import type { CiDoc } from '../../shared/domain/model';
import { Utf8StreamDecoder } from '../../shared/domain/utf8';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import { historyEntry, loadCiRefs, loadClassDefinitions } from './cis';
import { loadAllDocs } from './cmdb';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import type { Session, WriteOptions } from './tickets';

/** Anything with a byte stream: a File from a file input, a Blob in tests. */
export interface CsvSource {
  stream(): ReadableStream<Uint8Array>;
}

export interface FileReport {
  delimiter: CsvDelimiter;
  /** Invalid UTF-8 sequences replaced by U+FFFD, and where the first ones were (byte offsets). */
  invalidBytes: number;
  invalidOffsets: number[];
  issues: CsvIssue[];
}

/**
 * Streams `source` through the decoder and the CSV reader; `onRecord` returns false to stop
 * early (reading only the header).
 */
export async function streamCsv(
  source: CsvSource,
  onRecord: (record: CsvRecord) => boolean | void,
): Promise<FileReport> {
  const decoder = new Utf8StreamDecoder();
  let stopped = false;
  const parser = new CsvStreamParser({
    onRecord: (record) => {
      if (!stopped && onRecord(record) === false) stopped = true;
    },
  });
  const reader = source.stream().getReader();
  try {
    while (!stopped) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value));
    }
  } finally {
    if (stopped) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (!stopped) parser.push(decoder.decode(new Uint8Array(0), true));
  const summary = parser.end();
  return {
    delimiter: summary.delimiter,
    invalidBytes: decoder.invalidCount,
    invalidOffsets: [...decoder.invalidOffsets],
    issues: summary.issues,
  };
}

/** The header row (the first non-blank record) and the next few rows, or null for an empty file. */
export async function readCsvHeader(
  source: CsvSource,
  sampleRows = 3,
): Promise<{ headers: string[]; samples: string[][]; report: FileReport } | null> {
  let headers: string[] | null = null;
  const samples: string[][] = [];
  const report = await streamCsv(source, (record) => {
    if (!headers) headers = record.fields.map((h) => h.trim());
    else samples.push(record.fields);
    return samples.length < sampleRows;
  });
  return headers ? { headers, samples, report } : null;
}

/** Existing CIs by tag and untagged ones by class + name, and the directory, for planning. */
export async function loadImportContext(
  db: OutpostDatabase,
  session: Session,
  options: WriteOptions & { definitions?: ClassDefinitions; previewRows?: number } = {},
): Promise<ImportContext> {
  const [read, refs] = await Promise.all([
    options.definitions ? Promise.resolve({ definitions: options.definitions }) : loadClassDefinitions(db),
    loadCiRefs(db),
  ]);
  const existingByTag = new Map<string, CiDoc>();
  const untaggedByName = new Map<string, CiDoc[]>();
  await loadAllDocs(db.cis, (docs) => {
    for (const raw of docs) {
      const {
        _deleted: _d,
        _meta: _m,
        _rev: _r,
        _attachments: _a,
        ...ci
      } = raw as typeof raw & Record<string, unknown>;
      const doc = ci as CiDoc;
      if (doc.assetTag) existingByTag.set(doc.assetTag, doc);
      else {
        const key = `${doc.ciClass}:${doc.name.toLowerCase()}`;
        const list = untaggedByName.get(key);
        if (list) list.push(doc);
        else untaggedByName.set(key, [doc]);
      }
    }
  });
  const now = options.now ?? Date.now();
  const people = refs.people;
  return {
    definitions: read.definitions,
    existingByTag,
    untaggedByName,
    locations: buildLookup(
      people.filter((p) => p.personKind === 'location'),
      'location',
    ),
    owners: buildLookup(
      people.filter((p) => p.personKind !== 'location'),
      'person or group',
    ),
    users: buildLookup(
      people.filter((p) => p.personKind === 'user'),
      'person',
    ),
    refs,
    now,
    userId: session.userId,
    newId: () => newId(ID_PREFIX.ci, now, cryptoRandom),
    previewRows: options.previewRows,
  };
}

export interface PlannedImport {
  plan: ImportPlan;
  report: FileReport;
  headers: string[];
}

/** Dry run: reads the whole file and plans every row; writes nothing. */
export async function planImport(
  db: OutpostDatabase,
  source: CsvSource,
  mapping: readonly ColumnTarget[],
  session: Session,
  options: WriteOptions & { definitions?: ClassDefinitions; previewRows?: number } = {},
): Promise<PlannedImport | { error: string }> {
  const problems = ImportPlanner.mappingErrors(mapping);
  if (problems.length > 0) return { error: problems.join(' ') };
  const ctx = await loadImportContext(db, session, options);
  let headers: string[] | null = null;
  let planner: ImportPlanner | null = null;
  const report = await streamCsv(source, (record) => {
    if (!planner) {
      headers = record.fields.map((h) => h.trim());
      planner = new ImportPlanner(headers, mapping, ctx);
      return;
    }
    planner.addRow(record.fields, record.row);
  });
  const done = planner as ImportPlanner | null;
  if (!done || !headers) return { error: 'The file is empty.' };
  return { plan: done.result(), report, headers };
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left out because of errors (only when importing the valid rows). */
  skipped: number;
  /** CIs the storage refused (e.g. written meanwhile by another window), by row. */
  failed: { row: number; message: string }[];
}

export type CommitImportResult =
  | { ok: true; summary: ImportSummary; plan: ImportPlan }
  | { ok: false; errors: FieldErrors; plan?: ImportPlan };

/**
 * Plans again on the current data and writes the result. With errors in the file nothing is
 * written unless `validOnly` is set, in which case the rows with errors are left out.
 */
export async function commitImport(
  db: OutpostDatabase,
  source: CsvSource,
  mapping: readonly ColumnTarget[],
  session: Session,
  options: WriteOptions & { validOnly?: boolean } = {},
): Promise<CommitImportResult> {
  const planned = await planImport(db, source, mapping, session, options);
  if ('error' in planned) return { ok: false, errors: { [FORM_ERROR_KEY]: planned.error } };
  const { plan } = planned;
  if (plan.counts.errors > 0 && !options.validOnly) {
    return {
      ok: false,
      plan,
      errors: { [FORM_ERROR_KEY]: `${plan.counts.errors} rows have errors; nothing was imported.` },
    };
  }
  const now = options.now ?? Date.now();
  const written =
    plan.writes.length > 0
      ? await db.cis.bulkUpsert(plan.writes.map((w) => w.ci))
      : { success: [], error: [] };
  const refused = new Map(written.error.map((e) => [e.documentId, e]));
  const failed: ImportSummary['failed'] = [];
  const history = [];
  let created = 0;
  let updated = 0;
  for (const w of plan.writes) {
    const error = refused.get(w.ci.id);
    if (error) {
      failed.push({ row: w.row, message: `Could not be saved (${error.status}).` });
      continue;
    }
    if (w.created) created++;
    else updated++;
    history.push(
      historyEntry(
        w.ci.id,
        w.created ? 'created' : 'change',
        w.changes,
        now,
        session.userId,
        'Imported from CSV',
      ),
    );
  }
  if (history.length > 0) await db.activities.bulkInsert(history);
  return {
    ok: true,
    plan,
    summary: { created, updated, unchanged: plan.counts.unchanged, skipped: plan.counts.errors, failed },
  };
}
