import fs from 'node:fs';
import path from 'node:path';
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
}

export const CHUNK_BYTES = 1 << 20;

class DbChunks implements ImportFiles {
  private next = new Map<number, number>();
  constructor(private readonly db: Db) {}

  async append(importId: number, data: Buffer): Promise<void> {
    const seq = this.next.get(importId) ?? 0;
    this.next.set(importId, seq + 1);
    await this.db.insertInto('lead_import_chunks').values({ import_id: importId, seq, data }).execute();
  }

  async *read(importId: number): AsyncIterable<Buffer> {
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

  async remove(importId: number): Promise<void> {
    this.next.delete(importId);
    await this.db.deleteFrom('lead_import_chunks').where('import_id', '=', importId).execute();
  }
}

class DiskFiles implements ImportFiles {
  constructor(private readonly dir: string) {}

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
  return new DbChunks(db);
}
