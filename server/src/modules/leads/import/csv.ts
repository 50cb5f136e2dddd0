/**
 * A streaming RFC 4180 reader tuned for imports: quoted fields, doubled quotes, quoted newlines,
 * CRLF/LF/CR line ends, any one-character delimiter. It is lenient where spreadsheets are sloppy
 * (a quote inside an unquoted field is kept literally; text after a closing quote is appended),
 * and reports what it cannot read (a quote that never closes) on the record instead of failing
 * the whole file.
 *
 * Why not csv-parse here: on the benchmark machine csv-parse reads ~75,000 rows/s of a 20-column
 * file, below the import goal of 100,000 rows/s end to end; this reader does several times that.
 * csv-parse stays the oracle its tests compare against (csv.unit.test.ts).
 */

export type RecordIssue = 'unclosed_quote' | 'record_too_long';
/** `line`: the record's text when `want` left cells out (split it for every cell). */
export type OnRecord = (fields: string[], row: number, issue?: RecordIssue, line?: string) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** What a skimmed record is handed as (see CsvReader.skim): no cells, not blank. */
export const SKIMMED: readonly string[] = Object.freeze([]);

export class CsvReader {
  /**
   * When set to a column count, an unquoted line with at least two and at most that many cells
   * is only counted: it is handed as SKIMMED instead of being split (the upload scan, once every
   * column is known to hold data). Quoted records and longer lines are still read in full.
   */
  skim = 0;
  /**
   * The columns the caller reads: an unquoted line's other cells are handed as '' (no string
   * made for them), with the line itself so that all its cells can still be had. Cells past the
   * end of `want` are always read.
   */
  want: boolean[] | undefined;
  private carry = '';
  /** Spreadsheet row number of the next record: the header is row 1. */
  private row = 1;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly maxRecordChars = 1 << 20,
  ) {
    if (delimiter.length !== 1) throw new Error('The delimiter must be one character.');
    this.delim = delimiter.charCodeAt(0);
  }

  /** Reads every complete record of `text` (after what was left over), keeping the incomplete tail. */
  push(text: string, onRecord: OnRecord): void {
    const s = this.carry.length ? this.carry + text : text;
    const used = this.parse(s, false, onRecord);
    this.carry = used === 0 ? s : used < s.length ? s.slice(used) : '';
    if (this.carry.length > this.maxRecordChars) this.skipHugeRecord(onRecord);
  }

  /** Reads what is left at the end of the input. */
  end(onRecord: OnRecord): void {
    if (this.carry.length) this.parse(this.carry, true, onRecord);
    this.carry = '';
  }

  /** A record that never ends is almost always a stray opening quote: report it and go on after its first line. */
  private skipHugeRecord(onRecord: OnRecord): void {
    const s = this.carry;
    let nl = s.indexOf('\n');
    if (nl === -1) nl = s.length - 1;
    onRecord([s.slice(0, Math.min(nl, 200))], this.row++, 'record_too_long');
    this.carry = s.slice(nl + 1);
  }

  private emitWanted(onRecord: OnRecord, s: string, from: number, to: number, delimiter: string): void {
    const want = this.want!;
    const fields: string[] = [];
    let start = from;
    for (let i = 0; ; i++) {
      let cut = s.indexOf(delimiter, start);
      if (cut === -1 || cut > to) cut = to;
      // A line of one cell is always read (it may be a blank line, or not).
      fields.push(i >= want.length || want[i] || (i === 0 && cut === to) ? s.slice(start, cut) : '');
      if (cut >= to) break;
      start = cut + 1;
    }
    onRecord(fields, this.row++, undefined, s.slice(from, to));
  }

  private emit(onRecord: OnRecord, fields: string[], issue?: RecordIssue): void {
    onRecord(fields, this.row++, issue);
  }

  /** Returns how far `s` was consumed; stops before an incomplete record unless `final`. */
  private parse(s: string, final: boolean, onRecord: OnRecord): number {
    const D = this.delim;
    const len = s.length;
    const delimiter = String.fromCharCode(D);
    let pos = 0;
    // Fast path: a line without quotes is split natively; only quoted records take the slow path.
    let nextQuote = s.indexOf('"');
    if (nextQuote === -1) nextQuote = len;
    let nextCr = s.indexOf('\r');
    if (nextCr === -1) nextCr = len;
    while (pos < len) {
      const start = pos;
      if (nextQuote < pos) {
        nextQuote = s.indexOf('"', pos);
        if (nextQuote === -1) nextQuote = len;
      }
      const nl = s.indexOf('\n', pos);
      if (nl !== -1 && nl < nextQuote) {
        const lineEnd = nl > pos && s.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (nextCr < pos) {
          nextCr = s.indexOf('\r', pos);
          if (nextCr === -1) nextCr = len;
        }
        if (nextCr >= lineEnd) {
          if (this.skim) {
            let cuts = 0;
            let at = s.indexOf(delimiter, pos);
            while (at !== -1 && at < lineEnd && cuts < this.skim) {
              cuts++;
              at = s.indexOf(delimiter, at + 1);
            }
            if (cuts > 0 && cuts < this.skim) {
              onRecord(SKIMMED as string[], this.row++);
              pos = nl + 1;
              continue;
            }
          }
          if (this.want) this.emitWanted(onRecord, s, pos, lineEnd, delimiter);
          else this.emit(onRecord, s.slice(pos, lineEnd).split(delimiter));
          pos = nl + 1;
          continue;
        }
      }
      const fields: string[] = [];
      for (;;) {
        let end: number;
        if (s.charCodeAt(pos) === QUOTE) {
          let value = '';
          let p = pos + 1;
          for (;;) {
            const q = s.indexOf('"', p);
            if (q === -1 || (q + 1 >= len && !final)) {
              if (!final) return start;
              if (q === -1) {
                fields.push(value + s.slice(p));
                this.emit(onRecord, fields, 'unclosed_quote');
                return len;
              }
            }
            if (q + 1 < len && s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(p, q + 1);
              p = q + 2;
              continue;
            }
            value += s.slice(p, q);
            pos = q + 1;
            break;
          }
          end = pos;
          while (end < len) {
            const c = s.charCodeAt(end);
            if (c === D || c === LF || c === CR) break;
            end++;
          }
          if (end >= len && !final) return start;
          fields.push(end > pos ? value + s.slice(pos, end) : value);
        } else {
          end = pos;
          while (end < len) {
            const c = s.charCodeAt(end);
            if (c === D || c === LF || c === CR) break;
            end++;
          }
          if (end >= len && !final) return start;
          fields.push(s.slice(pos, end));
        }
        pos = end;
        if (pos >= len) {
          this.emit(onRecord, fields);
          return len;
        }
        const c = s.charCodeAt(pos);
        if (c === D) {
          pos++;
          if (pos >= len) {
            if (!final) return start;
            fields.push('');
            this.emit(onRecord, fields);
            return len;
          }
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= len && !final) return start;
          pos++;
          if (pos < len && s.charCodeAt(pos) === LF) pos++;
        } else {
          pos++;
        }
        this.emit(onRecord, fields);
        break;
      }
    }
    return pos;
  }
}

/** True for the empty line a spreadsheet leaves between or after rows. */
export const isBlankRecord = (fields: string[]): boolean => fields.length === 1 && fields[0]!.trim() === '';

/** Picks the delimiter of the header line: the most frequent of `,` `;` tab `|` outside quotes. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let max = 0;
  for (const [d, n] of counts) {
    if (n > max) {
      best = d;
      max = n;
    }
  }
  return best;
}
