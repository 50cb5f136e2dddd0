import { CsvReader, isBlankRecord, type RecordIssue, sniffDelimiter } from './csv.js';
import { createDecoder, type Encoding, SNIFF_BYTES, sniffEncoding, type TextDecoderLike } from './decode.js';

/**
 * One pass over an uploaded file: decides encoding and delimiter, reads the header, counts the
 * data rows and the columns that hold data anywhere, and keeps a few sample rows. Memory stays
 * bounded whatever the file size. `tap` sees every raw chunk in order (to store it meanwhile).
 */
export type ScanResult = {
  encoding: Encoding;
  delimiter: string;
  columns: string[];
  totalRows: number;
  dataColumns: number;
  sampleRows: string[][];
  bytes: number;
};

export const SAMPLE_ROWS = 5;

/**
 * Bytes decoded at a time. Chunks arrive in 1 MB pieces; decoded whole, each would be a 1 MB
 * string in V8's large-object space, which only a full collection frees — over a large file that
 * kept tens of MB of dead text in the heap. 32 KB pieces make ordinary short-lived strings.
 */
const TEXT_PIECE = 32 << 10;

/** `chunk` in pieces of TEXT_PIECE bytes (views, no copy). */
export function* textPieces(chunk: Buffer): Generator<Buffer> {
  for (let at = 0; at < chunk.length; at += TEXT_PIECE) yield chunk.subarray(at, at + TEXT_PIECE);
}

/** Header cells made usable as mapping keys: trimmed, named when empty, unique. */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    let name = c.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`;
    const n = seen.get(name.toLowerCase()) ?? 0;
    seen.set(name.toLowerCase(), n + 1);
    if (n > 0) name = `${name} (${n + 1})`;
    return name;
  });
}

/** Starts decoding once enough bytes are in to sniff; a stream of text chunks comes out. */
export class FileTextReader {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decoder: TextDecoderLike | undefined;
  encoding: Encoding | undefined;

  constructor(private readonly forced?: Encoding) {}

  /** Returns text ready to parse ('' while still sniffing). */
  write(chunk: Buffer): string {
    if (this.decoder) return this.decoder.write(chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return '';
    return this.start();
  }

  end(): string {
    const text = this.decoder ? '' : this.start();
    return text + this.decoder!.end();
  }

  private start(): string {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.encoding = this.forced ?? sniffEncoding(head);
    this.decoder = createDecoder(this.encoding);
    return this.decoder.write(head);
  }
}

export async function scanFile(
  source: AsyncIterable<Buffer>,
  opts: { encoding?: Encoding; tap?: (chunk: Buffer) => Promise<void> } = {},
): Promise<ScanResult> {
  const text = new FileTextReader(opts.encoding);
  let reader: CsvReader | undefined;
  let delimiter = ',';
  let header: string[] | undefined;
  let totalRows = 0;
  let bytes = 0;
  const hasData: boolean[] = [];
  let dataColumns = 0;
  const sampleRows: string[][] = [];
  // Counted exactly as the import counts them (run.ts): a record with an issue is a row.
  const onRecord = (fields: string[], _row: number, issue?: RecordIssue) => {
    if (!issue && isBlankRecord(fields)) return;
    if (!header) {
      header = fields;
      return;
    }
    totalRows++;
    if (sampleRows.length < SAMPLE_ROWS) sampleRows.push(fields);
    for (let i = 0; i < fields.length; i++) {
      if (!hasData[i] && fields[i]!.trim() !== '') {
        hasData[i] = true;
        dataColumns++;
      }
    }
    // Every column holds data and the samples are taken: the rest of the file is only counted
    // (rows longer than the header are still read, their extra cells may hold data too).
    if (reader && !reader.skim && sampleRows.length >= SAMPLE_ROWS && dataColumns >= header.length)
      reader.skim = header.length;
  };
  const feed = (s: string) => {
    if (!s) return;
    if (!reader) {
      delimiter = sniffDelimiter(s);
      reader = new CsvReader(delimiter);
    }
    reader.push(s, onRecord);
  };
  for await (const chunk of source) {
    bytes += chunk.length;
    if (opts.tap) await opts.tap(chunk);
    for (const piece of textPieces(chunk)) feed(text.write(piece));
  }
  feed(text.end());
  reader?.end(onRecord);
  return {
    encoding: text.encoding ?? 'utf-8',
    delimiter,
    columns: headerNames(header ?? []),
    totalRows,
    dataColumns,
    sampleRows,
    bytes,
  };
}
