import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { splitNames } from '../fields.js';
import { CsvReader, isBlankRecord, sniffDelimiter } from './csv.js';
import { sniffEncoding } from './decode.js';
import { headerKey, splitFullName, suggestMapping } from './mapping.js';
import { scanFile } from './scan.js';

function readAll(
  text: string,
  delimiter = ',',
  cuts: number[] = [],
): { fields: string[]; row: number; issue?: string }[] {
  const out: { fields: string[]; row: number; issue?: string }[] = [];
  const reader = new CsvReader(delimiter);
  const on = (fields: string[], row: number, issue?: string) =>
    out.push(issue ? { fields, row, issue } : { fields, row });
  let at = 0;
  for (const c of [...cuts, text.length]) {
    reader.push(text.slice(at, c), on);
    at = c;
  }
  reader.end(on);
  return out;
}

/** A seeded random generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('CsvReader', () => {
  it('reads quotes, doubled quotes, quoted newlines, CRLF, LF and CR', () => {
    const text = 'a,"b ""q"", c","x\r\ny"\r\n1,2,3\n4,,"6"\r7,8,9';
    expect(readAll(text).map((r) => r.fields)).toEqual([
      ['a', 'b "q", c', 'x\r\ny'],
      ['1', '2', '3'],
      ['4', '', '6'],
      ['7', '8', '9'],
    ]);
    expect(readAll(text).map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });

  it('is lenient where spreadsheets are sloppy and reports a quote that never closes', () => {
    expect(readAll('a b"c,d\n"x"y,z\n').map((r) => r.fields)).toEqual([
      ['a b"c', 'd'],
      ['xy', 'z'],
    ]);
    expect(readAll('a,"never closed\nb,c\n')).toEqual([
      { fields: ['a', 'never closed\nb,c\n'], row: 1, issue: 'unclosed_quote' },
    ]);
  });

  it('reports a runaway record and reads on after its first line', () => {
    const reader = new CsvReader(',', 100);
    const out: { fields: string[]; issue?: string }[] = [];
    const on = (fields: string[], _row: number, issue?: string) =>
      out.push(issue ? { fields, issue } : { fields });
    reader.push(`a,"runaway\n${'x'.repeat(200)}`, on);
    reader.push('\nok,1\n', on);
    reader.end(on);
    expect(out[0]!.issue).toBe('record_too_long');
    expect(out.at(-1)).toEqual({ fields: ['ok', '1'] });
  });

  it('agrees with csv-parse on random RFC 4180 files, however the input is cut', () => {
    const rand = rng(42);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let round = 0; round < 200; round++) {
      const delimiter = pick([',', ';', '\t']);
      const eol = pick(['\n', '\r\n']);
      const width = 1 + Math.floor(rand() * 6);
      const rows: string[][] = [];
      for (let r = 0; r < 1 + Math.floor(rand() * 8); r++) {
        rows.push(
          Array.from({ length: width }, () =>
            Array.from({ length: Math.floor(rand() * 8) }, () =>
              pick(['a', 'b', 'é', ' ', '"', delimiter, '\n', '\r\n', 'z', '1']),
            ).join(''),
          ),
        );
      }
      const text = rows
        .map((r) =>
          r
            .map((f) =>
              /["\r\n]/.test(f) || f.includes(delimiter) || f === '' ? `"${f.replaceAll('"', '""')}"` : f,
            )
            .join(delimiter),
        )
        .join(eol);
      const expected = parse(text, { delimiter, relax_column_count: true }) as string[][];
      const cuts = Array.from({ length: 3 }, () => Math.floor(rand() * text.length)).sort((a, b) => a - b);
      expect(
        readAll(text, delimiter, cuts).map((r) => r.fields),
        JSON.stringify(text),
      ).toEqual(expected);
    }
  });

  it('the upload scan counts the same rows and data columns when it skims', async () => {
    // Every column has data from row 2 on; later: blank lines, a quoted newline, a short row,
    // and a row longer than the header whose extra cell holds data (a 4th data column).
    const lines = ['a,b,c'];
    for (let i = 0; i < 50; i++) lines.push(`x${i},y${i},z${i}`);
    lines.push('', '  ', '"multi\nline",q,r', 'short,row', 'solo', 'p,q,r,extra', 'p,q,r,');
    for (let i = 0; i < 50; i++) lines.push(`x${i},y${i},z${i}`);
    const text = `${lines.join('\n')}\n`;
    const bytes = Buffer.from(text);
    const scan = await scanFile(
      (async function* () {
        for (let at = 0; at < bytes.length; at += 97) yield bytes.subarray(at, at + 97);
      })(),
    );
    const full = readAll(text).filter((r) => !isBlankRecord(r.fields));
    expect(scan.totalRows).toBe(full.length - 1);
    expect(scan.totalRows).toBe(105);
    expect(scan.dataColumns).toBe(4);
    expect(scan.sampleRows[0]).toEqual(['x0', 'y0', 'z0']);
  });

  it('reads only the wanted cells of unquoted lines, handing the line for the rest', () => {
    const out: { fields: string[]; line?: string | undefined }[] = [];
    const reader = new CsvReader(',');
    reader.want = [true, false, true];
    reader.push('a,b,c\nsolo\n"q,1",b,c\nx,y,z,extra\n', (fields, _row, _issue, line) =>
      out.push({ fields, line }),
    );
    reader.end(() => {});
    expect(out).toEqual([
      { fields: ['a', '', 'c'], line: 'a,b,c' },
      { fields: ['solo'], line: 'solo' },
      { fields: ['q,1', 'b', 'c'], line: undefined },
      { fields: ['x', '', 'z', 'extra'], line: 'x,y,z,extra' },
    ]);
  });

  it('picks the delimiter of the header line', () => {
    expect(sniffDelimiter('Email;First Name;"a,b"\nx,y,z')).toBe(';');
    expect(sniffDelimiter('Email\tName\n')).toBe('\t');
    expect(sniffDelimiter('"E,mail",Name\n')).toBe(',');
    expect(sniffDelimiter('Email\n')).toBe(',');
  });
});

describe('encodings and mapping words', () => {
  it('sniffs BOMs, UTF-16 without BOM, UTF-8 and Windows-1252', () => {
    const text = 'Email,Name\nzoe@example.com,Zoë\n';
    expect(sniffEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe('utf-8');
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x45, 0]))).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0, 0x45]))).toBe('utf-16be');
    expect(sniffEncoding(iconv.encode(text, 'utf-16le'))).toBe('utf-16le');
    expect(sniffEncoding(iconv.encode(text, 'utf-16be'))).toBe('utf-16be');
    expect(sniffEncoding(Buffer.from(text))).toBe('utf-8');
    expect(sniffEncoding(iconv.encode(text, 'windows-1252'))).toBe('windows-1252');
    // A multi-byte character cut at the end of the sniffed bytes is not a broken one.
    expect(sniffEncoding(Buffer.from('Zoë').subarray(0, 3))).toBe('utf-8');
  });

  it('normalises headers and splits names, tags and lists', () => {
    expect(headerKey('Phone Number (phone_number)')).toBe('phonenumber');
    expect(headerKey('E-mail Address')).toBe('emailaddress');
    expect(splitFullName('  Ada  King Lovelace ')).toEqual({ first: 'Ada King', last: 'Lovelace' });
    expect(splitFullName('Cher')).toEqual({ first: 'Cher', last: '' });
    expect(splitNames('"Customers","VIP"')).toEqual(['Customers', 'VIP']);
    expect(splitNames(' a ;b,, c  d ')).toEqual(['a', 'b', 'c d']);
    expect(suggestMapping(['email', 'Email', 'Name', 'First Name'])).toEqual({
      email: 'email',
      Email: null,
      Name: null,
      'First Name': 'first_name',
    });
    expect(
      suggestMapping(['Email', 'Plan (plan)'], [{ identifier: 'plan', label: 'Membership plan' }]),
    ).toEqual({ Email: 'email', 'Plan (plan)': 'custom:plan' });
  });
});
