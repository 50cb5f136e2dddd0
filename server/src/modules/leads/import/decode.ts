import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * The encodings a spreadsheet writes: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"),
 * and Windows-1252 (Excel's "CSV" on Western Windows; a superset of Latin-1).
 */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** How many bytes are sniffed to decide the encoding and the delimiter. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Decides the encoding from the first 64 KB: a BOM says it outright; UTF-16 without BOM shows as
 * zero bytes in every other position; otherwise UTF-8 when the bytes are valid UTF-8 (or hold
 * more valid multi-byte characters than broken bytes), else Windows-1252. A UTF-8 file with a
 * few broken bytes stays UTF-8: those rows are reported one by one.
 */
export function sniffEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZeros++;
      if (head[i + 1] === 0) oddZeros++;
    }
    const pairs = n / 2;
    if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
    if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  }
  const complete = head.subarray(0, completeUtf8Length(head));
  if (isUtf8(complete)) return 'utf-8';
  // Broken bytes: a Latin-1 file has no valid multi-byte sequences; a UTF-8 file with a few bad
  // rows has more good ones than bad ones (those rows are then reported one by one).
  const text = new TextDecoder('utf-8').decode(complete);
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  return good > 0 && good >= bad ? 'utf-8' : 'windows-1252';
}

/** Length of `buf` without a multi-byte UTF-8 sequence cut off at its end. */
function completeUtf8Length(buf: Buffer): number {
  const len = buf.length;
  for (let back = 1; back <= 3 && back <= len; back++) {
    const b = buf[len - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? len - back : len;
  }
  return len;
}

export interface TextDecoderLike {
  write(chunk: Buffer): string;
  end(): string;
}

/** A streaming decoder; the BOM is dropped; undecodable UTF-8 bytes become U+FFFD. */
export function createDecoder(encoding: Encoding): TextDecoderLike {
  if (encoding === 'utf-8') {
    const d = new TextDecoder('utf-8');
    return { write: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding, { stripBOM: true });
  return { write: (chunk) => d.write(chunk), end: () => d.end() ?? '' };
}

/** True when a decoded cell holds bytes that were not valid in the file's encoding. */
export const hasBadEncoding = (s: string): boolean => s.includes('\uFFFD');
