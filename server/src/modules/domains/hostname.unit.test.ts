import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { displayHostname, parseHostname } from './hostname.js';

/** What an owner may type as a custom domain, and what it means. */
describe('parseHostname', () => {
  const parse = (h: string) => parseHostname(h, 'atrium.example.com');

  it.each([
    ['www.example.com', { hostname: 'www.example.com', kind: 'root', apex: 'example.com' }],
    ['WWW.Example.COM.', { hostname: 'www.example.com', kind: 'root', apex: 'example.com' }],
    ['https://www.example.com/offer?x=1', { hostname: 'www.example.com', kind: 'root', apex: 'example.com' }],
    ['  www.example.com/  ', { hostname: 'www.example.com', kind: 'root', apex: 'example.com' }],
    ['www.example.co.uk', { hostname: 'www.example.co.uk', kind: 'root', apex: 'example.co.uk' }],
    ['sales.example.com', { hostname: 'sales.example.com', kind: 'subdomain', apex: null }],
    ['www.shop.example.com', { hostname: 'www.shop.example.com', kind: 'subdomain', apex: null }],
    ['www.bücher.de', { hostname: 'www.xn--bcher-kva.de', kind: 'root', apex: 'xn--bcher-kva.de' }],
    ['www.shop.test', { hostname: 'www.shop.test', kind: 'root', apex: 'shop.test' }],
    // github.io is a private suffix; only ICANN suffixes count, so this is a subdomain of github.io.
    ['www.me.github.io', { hostname: 'www.me.github.io', kind: 'subdomain', apex: null }],
  ])('%s', (input, expected) => {
    expect(parse(input)).toEqual(expected);
  });

  it.each([
    ['', /Enter a domain name/],
    ['203.0.113.9', /not an IP address/],
    ['[2001:db8::1]', /not an IP address/],
    ['www.example.com:8080', /Leave out the port/],
    ['*.example.com', /Wildcard/],
    ['example.com', /root of your domain.*Add www\.example\.com instead/],
    ['co.uk', /public suffix/],
    ['atrium.example.com', /belongs to this Atrium server/],
    ['shop.atrium.example.com', /belongs to this Atrium server/],
    ['example.com.atrium.example.com', /belongs to this Atrium server/],
    ['www.printer.local', /local name/],
    ['foo.localhost', /local name/],
    ['under_score.example.com', /not a valid domain name/],
    ['-dash.example.com', /not a valid domain name/],
    ['a..b.example.com', /not a valid domain name/],
    [`${'a'.repeat(64)}.example.com`, /not a valid domain name/],
    ['localhost', /not a complete domain name|local name/],
    ['www.example.123', /not a (complete|valid) domain name/],
  ])('refuses %j', (input, message) => {
    try {
      parse(input);
      expect.unreachable(`accepted ${input}`);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid_hostname');
      expect((e as AppError).message).toMatch(message);
    }
  });

  it('shows punycode names as people read them', () => {
    expect(displayHostname('www.xn--bcher-kva.de')).toBe('www.bücher.de');
    expect(displayHostname('sales.example.com')).toBe('sales.example.com');
  });
});
