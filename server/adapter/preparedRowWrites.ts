/**
 * Writing a command's rows by prepared SQL inside the write lock, and announcing them after the
 * commit through PocketBase's own after-save model hooks, so realtime delivers them exactly as it
 * delivers a model save.
 *
 * A model save (`tx.save`) validates the record first — every relation field costs a `count(*)`
 * query, a task has six — runs the create/update hook chains and writes every column, so an update
 * rewrites the entries of every index of the table. Inside the command's transaction that is most
 * of the time the write lock is held. {@link PreparedRowWrites} writes the same record with one
 * statement instead: the record's own database export (PocketBase's `DBExport`, the values a model
 * save would write, dates and JSON already in their stored form), all columns of a new row, only
 * the changed columns of an existing one, and the autodate columns stamped as the model save stamps
 * them.
 *
 * Realtime: PocketBase broadcasts a record from its `onModelAfterCreateSuccess` /
 * `onModelAfterUpdateSuccess` handlers, which a model save inside a transaction runs only after the
 * commit (and never after a rollback). {@link PreparedRowWrites.announce}, called after the commit,
 * triggers those same hooks with each record as written (a model save hands them its record, too): PocketBase itself
 * then checks every subscribed client's list/view rule, applies the enrich hooks (masking) and
 * sends — one announcement per write, in the order written, as the model saves would. A transaction
 * that rolls back is never announced (the caller announces only after `runInTransaction` returned).
 *
 * The event object the hooks take (`core.ModelEvent`) has no constructor in the hooks' VM and its
 * `model` field sits in an unexported embedded struct that a plain object cannot fill, so one is
 * obtained from a `onModelValidate` trigger without a model (whose handlers — PocketBase's record
 * and collection proxies — only act on a record or a collection; the bundle binds none) and then
 * given the app, the record and the action.
 *
 * What a prepared write leaves out, beside the cost: PocketBase's field validation (the values are
 * the command path's own) and the in-transaction record hooks (`onRecordCreate`, `…Execute`); the
 * bundle binds none on the collections written here (the configuration audit watches configuration
 * collections only) — one bound there later would not run for these writes. An update no longer
 * rewrites columns it did not change, so a column another writer changed meanwhile keeps its value.
 */
import { newRecordId } from './sqlRows.js';
import type { PbApp, PbRecord } from './pocketbase.js';

/** Saves a record of the command path: as a model save, or by prepared SQL. */
export interface RowWriter {
  save(tx: PbApp, record: PbRecord): void;
}

/** The default: PocketBase's model save (validation, hooks, realtime at commit). */
export const modelSaves: RowWriter = { save: (tx, record) => tx.save(record) };

/** The Go side of a record this module uses (beyond {@link PbRecord}). */
interface GoRecord extends PbRecord {
  isNew(): boolean;
  markAsNotNew(): void;
  /** Sets a field's value as stored, past its setter (autodate fields refuse `set`). */
  setRaw(field: string, value: unknown): void;
  ignoreUnchangedFields(state: boolean): GoRecord;
  dbExport(app: PbApp): Record<string, unknown>;
  collection(): { name: string; fields: Array<{ name: string; type(): string; onCreate?: boolean; onUpdate?: boolean }> };
}

/** A model event as the after-save hooks take it. */
interface ModelEvent {
  app: PbApp;
  model: unknown;
  type: string;
  next(): void;
}

interface ModelHook {
  trigger(event: unknown, ...oneOff: Array<(e: ModelEvent) => void>): void;
}

interface HookApp {
  onModelValidate(): ModelHook;
  onModelAfterCreateSuccess(): ModelHook;
  onModelAfterUpdateSuccess(): ModelHook;
}

declare const Context: new () => unknown;

/** The autodate columns of a collection: stamped on create, on update. */
interface Autodates {
  onCreate: string[];
  onUpdate: string[];
}

const autodatesByCollection = new Map<string, Autodates>();

function autodatesOf(record: GoRecord): Autodates {
  const collection = record.collection();
  let found = autodatesByCollection.get(collection.name);
  if (!found) {
    found = { onCreate: [], onUpdate: [] };
    for (const f of collection.fields) {
      if (f.type() !== 'autodate') continue;
      if (f.onCreate) found.onCreate.push(f.name);
      if (f.onUpdate) found.onUpdate.push(f.name);
    }
    autodatesByCollection.set(collection.name, found);
  }
  return found;
}

/** Now, as PocketBase stamps autodate fields (UTC, `YYYY-MM-DD HH:MM:SS.sssZ`, the wall clock). */
function stamp(): string {
  return new Date().toISOString().replace('T', ' ');
}

function quoted(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unexpected column name ${name}`);
  return `\`${name}\``;
}

const insertSql = new Map<string, string>();

/** One write this transaction made, to be announced after the commit. */
interface Written {
  record: PbRecord;
  created: boolean;
}

/**
 * A row's statement, built from its record ahead of the write ({@link PreparedRowWrites.prepare}):
 * the export, the column list and the autodate stamps done, so the write lock holds only the
 * statement itself. The record must not change between the two.
 */
export interface PreparedRow {
  /**
   * Runs the statement in `tx` and remembers the row for the announcement after the commit; false
   * when an update's {@link RowGuard} kept it from writing (the row no longer held the value).
   */
  write(tx: PbApp): boolean;
}

/**
 * A condition an update of an existing row writes under: the stored `column` still holds `equals`
 * (a compare-and-swap), and `alsoWhere` holds (an SQL condition of the caller's own, not a
 * client's, with its parameters named `g_*`).
 */
export interface RowGuard {
  column: string;
  equals: string | number;
  alsoWhere?: { sql: string; params: Record<string, unknown> };
}

/**
 * Writes by prepared SQL and remembers what it wrote; {@link announce} after the commit. One
 * instance per transaction.
 */
export class PreparedRowWrites implements RowWriter {
  private readonly written: Written[] = [];

  save(tx: PbApp, record: PbRecord): void {
    this.prepare(tx, record).write(tx);
  }

  /**
   * Builds the statement that writes `plain` as it is now: all columns of a new row, only the
   * changed columns of an existing one (none: the write only announces it), stamped now. `app`
   * only exports the record; the statement runs in the transaction {@link PreparedRow.write} gets.
   * With `guard`, an update writes only while the stored row meets it (a new row ignores it);
   * `late` names columns of a new row whose values are read from the record when it is written
   * (a case's number, allocated under the lock, and what copies it).
   */
  prepare(app: PbApp, plain: PbRecord, options: { guard?: RowGuard; late?: readonly string[] } = {}): PreparedRow {
    const { guard, late = [] } = options;
    const record = plain as GoRecord;
    const autodates = autodatesOf(record);
    const at = stamp();
    const table = record.collection().name;
    if (record.isNew()) {
      if (!record.id) record.set('id', newRecordId());
      for (const f of [...autodates.onCreate, ...autodates.onUpdate]) record.setRaw(f, at);
      const values = record.dbExport(app);
      const columns = Object.keys(values);
      const key = `${table}:${columns.join(',')}`;
      let sql = insertSql.get(key);
      if (!sql) {
        sql = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map((c) => `{:${c}}`).join(', ')})`;
        insertSql.set(key, sql);
      }
      return {
        write: (tx) => {
          for (const column of late) values[column] = record.get(column);
          tx.db().newQuery(sql).bind(values).execute();
          record.markAsNotNew();
          this.written.push({ record, created: true });
          return true;
        },
      };
    }
    // Stamped first, as a model save stamps them: an update always writes them, also when nothing else changed.
    for (const f of autodates.onUpdate) record.setRaw(f, at);
    // Only the columns whose stored value differs from the record as it was read (compared in Go).
    record.ignoreUnchangedFields(true);
    let changed: Record<string, unknown>;
    try {
      changed = record.dbExport(app);
    } finally {
      record.ignoreUnchangedFields(false);
    }
    const params: Record<string, unknown> = { id: record.id };
    const sets = Object.keys(changed)
      .filter((c) => c !== 'id')
      .map((c, i) => {
        params[`v${i}`] = changed[c];
        return `${quoted(c)} = {:v${i}}`;
      });
    let guarded = '';
    if (guard) {
      params.guard = guard.equals;
      guarded = ` AND ${quoted(guard.column)} = {:guard}`;
      if (guard.alsoWhere) {
        if (Object.keys(guard.alsoWhere.params).some((name) => !name.startsWith('g_'))) throw new Error('a guard\'s parameters are named g_*');
        Object.assign(params, guard.alsoWhere.params);
        guarded += ` AND (${guard.alsoWhere.sql})`;
      }
    }
    // A guarded update with nothing else to set still tests its guard (it sets the id to itself).
    const setList = sets.length > 0 ? sets.join(', ') : guard ? '`id` = `id`' : '';
    const sql = setList ? `UPDATE ${quoted(table)} SET ${setList} WHERE id = {:id}${guarded}` : undefined;
    return {
      write: (tx) => {
        if (sql) {
          const result = tx.db().newQuery(sql).bind(params).execute() as { rowsAffected(): number };
          if (guard && result.rowsAffected() !== 1) return false;
        }
        this.written.push({ record, created: false });
        return true;
      },
    };
  }

  /**
   * After the commit: triggers PocketBase's after-save model hooks for every row written, in the
   * order written, each with the record as it was written — as a model save hands its record to
   * those hooks after the commit. Never call it for a transaction that rolled back.
   */
  announce(app: PbApp): void {
    if (this.written.length === 0) return;
    const hooks = app as unknown as HookApp;
    let event: ModelEvent | undefined;
    hooks.onModelValidate().trigger({ app, type: 'validate', context: new Context() }, (e) => {
      event = e;
      e.next();
    });
    if (!event) throw new Error('no model event');
    // One event for every row, as PocketBase's hooks allow (each trigger resets its chain).
    event.app = app;
    for (const w of this.written) {
      event.model = w.record;
      event.type = w.created ? 'create' : 'update';
      (w.created ? hooks.onModelAfterCreateSuccess() : hooks.onModelAfterUpdateSuccess()).trigger(event);
    }
    this.written.length = 0;
  }
}
