import { describe, expect, it } from 'vitest';
import { kartraTime } from './details.js';
import { asList, mergeParams, parseBody, parseForm } from './wire.js';

describe('parameters', () => {
  it('reads PHP-style brackets raw and percent-encoded, + as space, nested lists', () => {
    const raw = parseForm('lead[email]=a@b.co&actions[0][cmd]=assign_tag&actions[0][tag_name]=My+Tag');
    const enc = parseForm(
      'lead%5Bemail%5D=a%40b.co&actions%5B0%5D%5Bcmd%5D=assign_tag&actions%5B0%5D%5Btag_name%5D=My+Tag',
    );
    expect(raw).toEqual(enc);
    expect(raw).toEqual({ lead: { email: 'a@b.co' }, actions: [{ cmd: 'assign_tag', tag_name: 'My Tag' }] });
    expect(
      parseForm('lead[custom_fields][0][field_value][0]=620&lead[custom_fields][0][field_value][1]=621'),
    ).toEqual({
      lead: { custom_fields: [{ field_value: ['620', '621'] }] },
    });
  });

  it('reads JSON (numbers and booleans as PHP strings), ignores prototype keys', () => {
    expect(
      parseBody('application/json', '{"lead":[{"email":"x@y.co","score":5,"ok":true}],"__proto__":{"a":1}}'),
    ).toEqual({
      lead: [{ email: 'x@y.co', score: '5', ok: '1' }],
    });
    expect(parseBody('application/json', '{not json')).toEqual({});
    expect(parseBody(undefined, 'a=1')).toEqual({ a: '1' });
  });

  it('merges like $_REQUEST: the body wins key by key', () => {
    expect(
      mergeParams(
        { api_key: 'q', lead: { email: 'q@x.co', first_name: 'Q' } },
        { lead: { email: 'b@x.co' } },
      ),
    ).toEqual({
      api_key: 'q',
      lead: { email: 'b@x.co', first_name: 'Q' },
    });
  });

  it('orders sparse or long lists by their numeric keys', () => {
    expect(asList({ '10': 'c', '2': 'b', '0': 'a' })).toEqual(['a', 'b', 'c']);
    expect(asList('x')).toBeUndefined();
  });
});

describe('kartraTime', () => {
  it("is Kartra's naive US Eastern time, across both DST changes", () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const slow = (ms: number) => {
      const p = Object.fromEntries(intl.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    };
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 997_531)
      expect(kartraTime(new Date(t).toISOString())).toBe(slow(t));
    expect(kartraTime('2026-03-08T07:00:00.000Z')).toBe('2026-03-08 03:00:00');
    expect(kartraTime('2026-11-01T06:00:00.000Z')).toBe('2026-11-01 01:00:00');
    expect(kartraTime(null)).toBe('');
  });
});
