import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { AppError } from '../../lib/errors.js';
import { loadPlanCatalog } from './catalog.js';
import { assertFlag, assertWithinCount, consumePeriodic, periodicUsage } from './service.js';

describe('limits service', () => {
  const catalog = loadPlanCatalog();

  it('caps counts per plan and names the limit', () => {
    expect(() => assertWithinCount(catalog, 'starter', 'custom_domains', 0)).not.toThrow();
    try {
      assertWithinCount(catalog, 'starter', 'custom_domains', 1);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({
        status: 422,
        code: 'plan_limit_reached',
        details: { limit: 'custom_domains', max: 1, plan: 'starter' },
      });
      expect((err as Error).message).toBe(
        'Your Starter plan allows 1 custom domain. Upgrade your plan or remove some first.',
      );
    }
    expect(() => assertWithinCount(catalog, 'growth', 'custom_domains', 2)).not.toThrow();
    expect(() => assertWithinCount(catalog, 'enterprise', 'leads', 10_000_000)).not.toThrow();
  });

  it('switches features by flag', () => {
    expect(() => assertFlag(catalog, 'starter', 'webinars')).toThrow(/does not include webinars/);
    expect(() => assertFlag(catalog, 'growth', 'webinars')).not.toThrow();
  });

  describe('monthly maxima', () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await createTestApp();
    });
    afterEach(() => t.close());

    it('counts usage per month and refuses, rolling back, past the maximum', async () => {
      const s = await t.signup('shop');
      const account = { id: s.accountId, plan: 'starter' };
      const now = t.clock.now();
      await t.db.db
        .transaction()
        .execute((trx) => consumePeriodic(trx, catalog, account, 'emails_per_month', 14_999, now));
      await expect(
        t.db.db
          .transaction()
          .execute((trx) => consumePeriodic(trx, catalog, account, 'emails_per_month', 2, now)),
      ).rejects.toMatchObject({ code: 'plan_limit_reached' });
      expect((await periodicUsage(t.db.db, s.accountId, now)).emails_per_month).toBe(14_999);
      await t.db.db
        .transaction()
        .execute((trx) => consumePeriodic(trx, catalog, account, 'emails_per_month', 1, now));
      const nextMonth = new Date('2026-04-01T00:00:00Z');
      expect((await periodicUsage(t.db.db, s.accountId, nextMonth)).emails_per_month).toBe(0);
    });
  });
});
