import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import { badRequest } from '../../lib/errors.js';

/**
 * What a hostname typed by an owner means: its ASCII (punycode) form, and its kind.
 * - `www.example.com` (www + a registrable domain) is the **root** kind: the CNAME goes on
 *   `www`, and `example.com` itself (the apex, where no CNAME may stand) forwards to it.
 * - anything deeper (`sales.example.com`, `www.shop.example.com`) is the **subdomain** kind.
 * Registrable domains come from the Public Suffix List (ICANN section, via tldts), so
 * `www.example.co.uk` is the root kind of `example.co.uk`.
 */
export type ParsedHostname = {
  hostname: string;
  kind: 'root' | 'subdomain';
  /** Root kind: the registrable domain that forwards to `www.` */
  apex: string | null;
};

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const RESERVED_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'arpa'];

const invalid = (message: string) => badRequest('invalid_hostname', message);

/**
 * Normalises what an owner typed (case, spaces, a pasted `https://…/` around it, a trailing dot,
 * Unicode → punycode) and refuses what cannot be a custom domain, saying why.
 */
export function parseHostname(input: string, platformDomain: string): ParsedHostname {
  let raw = input.trim().toLowerCase();
  if (raw === '') throw invalid('Enter a domain name, such as www.example.com.');
  const url = /^[a-z][a-z0-9+.-]*:\/\//.exec(raw) ? safeUrl(raw) : undefined;
  if (url) raw = url.hostname;
  else raw = raw.replace(/\/.*$/, '');
  raw = raw.replace(/\.$/, '');
  if (raw.startsWith('[') || isIP(raw)) {
    throw invalid('Enter a domain name, not an IP address: Atrium serves names, such as www.example.com.');
  }
  if (raw.includes(':')) throw invalid('Leave out the port: enter only the name, such as www.example.com.');
  if (raw.startsWith('*.'))
    throw invalid('Wildcard domains are not supported: enter one name, such as www.example.com.');
  const ascii = domainToASCII(raw);
  if (!ascii) throw invalid(`"${input.trim()}" is not a valid domain name.`);
  if (ascii.length > 253) throw invalid('That name is too long (at most 253 characters).');
  const labels = ascii.split('.');
  if (labels.some((l) => !LABEL.test(l))) {
    throw invalid(
      `"${input.trim()}" is not a valid domain name: each part between dots may hold letters, digits and dashes (not at its ends), up to 63 characters.`,
    );
  }
  if (labels.length < 2 || /^[0-9]+$/.test(labels[labels.length - 1]!)) {
    throw invalid(`"${input.trim()}" is not a complete domain name, such as www.example.com.`);
  }
  if (ascii === platformDomain || ascii.endsWith(`.${platformDomain}`)) {
    throw invalid(`${ascii} belongs to this Atrium server; connect a domain of your own.`);
  }
  if (RESERVED_SUFFIXES.some((s) => ascii === s || ascii.endsWith(`.${s}`))) {
    throw invalid(`${ascii} is a local name that cannot be reached from the internet.`);
  }
  const parts = parse(ascii, { allowPrivateDomains: false });
  if (!parts.domain || !parts.publicSuffix) {
    throw invalid(`${ascii} is a public suffix that anyone can register under; enter your own domain.`);
  }
  if (ascii === parts.domain) {
    throw invalid(
      `${ascii} is the root of your domain, which cannot point at another name (a CNAME). Add www.${ascii} instead: Atrium tells you how to forward ${ascii} to it.`,
    );
  }
  if (parts.subdomain === 'www') return { hostname: ascii, kind: 'root', apex: parts.domain };
  return { hostname: ascii, kind: 'subdomain', apex: null };
}

function safeUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** The name as people read it (`www.bücher.de` for `www.xn--bcher-kva.de`). */
export const displayHostname = (ascii: string): string => domainToUnicode(ascii) || ascii;
