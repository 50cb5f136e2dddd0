import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../../../config.js';
import type { Db } from '../../../db/types.js';

/**
 * Where an uploaded file waits until its import is done. Every process that may run the import
 * must be able to read it:
 * - PostgreSQL (many machines): in the database, `lead_import_chunks`, 1 MB a row;
 * - SQLite (one machine, one file): beside the database file, in `imports/`, which every
 *   process that opens that database can reach; writing 1 MB blobs into SQLite would double
 *   the file's cost (WAL, then checkpoint) for nothing.
 */
export interface ImportFiles {
  /** Appends a piece of the upload. */
  append(importId: number, data: Buffer): Promise<void>;
  /** The whole file, in pieces of about 1 MB. */
  read(importId: number): AsyncIterable<Buffer>;
  remove(importId: number): Promise<void>;
  /** Whether the file is kept in the database: then `removeIn` deletes it in a transaction. */
  readonly inDatabase: boolean;
  removeIn(trx: Db, importId: number): Promise<void>;
}

export const CHUNK_BYTES = 1 << 20;

class DbChunks implements ImportFiles {
  private next = new Map<number, number>();
  constructor(
    private readonly db: Db,
    private readonly pgUrl?: string,
  ) {}

  async append(importId: number, data: Buffer): Promise<void> {
    const seq = this.next.get(importId) ?? 0;
    this.next.set(importId, seq + 1);
    if (!this.pgUrl) {
      await this.db.insertInto('lead_import_chunks').values({ import_id: importId, seq, data }).execute();
      return;
    }
    // PostgreSQL: no WAL flush (fsync) per chunk. The upload is acknowledged only after
    // startImport's transaction (status `queued` and the job) commits synchronously, and that
    // commit flushes the WAL up to itself, these chunks included; an upload cut short by a crash
    // stays `uploading` and is swept (ingestUpload).
    await this.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit to off`.execute(trx);
      await trx.insertInto('lead_import_chunks').values({ import_id: importId, seq, data }).execute();
    });
  }

  async *read(importId: number): AsyncIterable<Buffer> {
    if (this.pgUrl) {
      yield* this.readPg(importId, this.pgUrl);
      return;
    }
    const seqs = await this.db
      .selectFrom('lead_import_chunks')
      .select('seq')
      .where('import_id', '=', importId)
      .orderBy('seq')
      .execute();
    for (const { seq } of seqs) {
      const row = await this.db
        .selectFrom('lead_import_chunks')
        .select('data')
        .where('import_id', '=', importId)
        .where('seq', '=', seq)
        .executeTakeFirstOrThrow();
      yield row.data;
    }
  }

  /**
   * PostgreSQL: on a connection of its own, the next chunk fetched while the caller works on this
   * one. (In text format: pg decodes every field of a binary-format result as UTF-8, which would
   * corrupt a UTF-16 or Latin-1 upload.)
   */
  private async *readPg(importId: number, url: string): AsyncIterable<Buffer> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {}); // a lost connection fails the query in flight
    await client.connect();
    try {
      const { rows } = await client.query<{ seq: number }>(
        'select seq from lead_import_chunks where import_id = $1 order by seq',
        [importId],
      );
      const fetch = (seq: number): Promise<Buffer> => {
        const got = client
          .query<{ data: Buffer }>('select data from lead_import_chunks where import_id = $1 and seq = $2', [
            importId,
            seq,
          ])
          .then((r) => {
            if (!r.rows[0]) throw new Error(`Import ${importId}: chunk ${seq} is missing.`);
            return r.rows[0].data;
          });
        got.catch(() => {}); // awaited below; a prefetch left behind must not go unhandled
        return got;
      };
      let next = rows.length ? fetch(rows[0]!.seq) : undefined;
      for (let i = 0; i < rows.length; i++) {
        const data = await next!;
        next = i + 1 < rows.length ? fetch(rows[i + 1]!.seq) : undefined;
        yield data;
      }
    } finally {
      await client.end().catch(() => {});
    }
  }

  readonly inDatabase = true;

  async removeIn(trx: Db, importId: number): Promise<void> {
    this.next.delete(importId);
    await trx.deleteFrom('lead_import_chunks').where('import_id', '=', importId).execute();
  }

  async remove(importId: number): Promise<void> {
    this.next.delete(importId);
    await this.db.deleteFrom('lead_import_chunks').where('import_id', '=', importId).execute();
  }
}

class DiskFiles implements ImportFiles {
  readonly inDatabase = false;
  constructor(private readonly dir: string) {}

  removeIn(_trx: Db, importId: number): Promise<void> {
    return this.remove(importId);
  }

  private file(importId: number): string {
    return path.join(this.dir, `${importId}.csv`);
  }

  async append(importId: number, data: Buffer): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    await fs.promises.appendFile(this.file(importId), data);
  }

  async *read(importId: number): AsyncIterable<Buffer> {
    if (!fs.existsSync(this.file(importId))) return;
    yield* fs.createReadStream(this.file(importId), { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>;
  }

  async remove(importId: number): Promise<void> {
    await fs.promises.rm(this.file(importId), { force: true });
  }
}

export function importFiles(db: Db, database: Config['database']): ImportFiles {
  if (database.dialect === 'sqlite' && database.file !== ':memory:') {
    return new DiskFiles(path.join(path.dirname(path.resolve(database.file)), 'imports'));
  }
  return new DbChunks(db, database.dialect === 'postgres' ? database.url : undefined);
}
