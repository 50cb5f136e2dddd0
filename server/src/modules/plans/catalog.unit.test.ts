import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanCatalog } from './catalog.js';

describe('plan catalog', () => {
  const write = (content: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plans-')), 'plans.json');
    fs.writeFileSync(file, content);
    return file;
  };

  it('has the documented defaults', () => {
    const c = loadPlanCatalog();
    expect([c.starter, c.growth, c.professional, c.enterprise].map((p) => p.limits.custom_domains)).toEqual([
      1, 3, 10, 25,
    ]);
    expect(
      [c.starter, c.growth, c.professional, c.enterprise].map((p) => p.limits.webinar_attendees),
    ).toEqual([0, 300, 1000, 5000]);
    expect(c.starter.limits.webinars).toBe(false);
    expect(c.growth.limits.import_columns).toBe(60);
  });

  it('lets the operator override limits with PLANS_FILE', () => {
    const c = loadPlanCatalog(
      write('{"starter": {"custom_domains": 2, "name": "Basic"}, "growth": {"leads": null}}'),
    );
    expect(c.starter).toMatchObject({ name: 'Basic', limits: { custom_domains: 2, leads: 2500 } });
    expect(c.growth.limits.leads).toBeNull();
  });

  it('explains a bad PLANS_FILE', () => {
    expect(() => loadPlanCatalog(write('{"starter": {"custom_domain": 2}}'))).toThrow(
      /PLANS_FILE .* is not valid/,
    );
    expect(() => loadPlanCatalog(write('{"gold": {}}'))).toThrow(/is not valid/);
    expect(() => loadPlanCatalog(write('not json'))).toThrow(/could not be read as JSON/);
  });
});
