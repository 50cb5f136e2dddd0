import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ DATA_DIR: '/tmp/atrium-x' });
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { dialect: 'sqlite', file: '/tmp/atrium-x/atrium.db' },
      platformDomain: 'localhost',
      adminUrl: 'http://localhost:3000',
      worker: 'inline',
      demo: true,
      mailFrom: 'Atrium <no-reply@localhost>',
      login: { maxFailures: 5, windowMinutes: 15, blockMinutes: 60 },
    });
  });

  it('switches to PostgreSQL and turns the demo off by default there', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/atrium' });
    expect(c.database).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db:5432/atrium' });
    expect(c.demo).toBe(false);
  });

  it('writes admin links on app.PLATFORM_DOMAIN behind https', () => {
    const c = loadConfig({ PLATFORM_DOMAIN: 'atrium.example', PUBLIC_SCHEME: 'https' });
    expect(c.adminUrl).toBe('https://app.atrium.example');
  });

  it('names every bad value in one clear message', () => {
    try {
      loadConfig({
        PORT: 'abc',
        WORKER: 'sometimes',
        DATABASE_URL: 'mysql://x',
        DNS_SERVERS: '1.1.1.1,nope',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain('PORT="abc": must be a whole number');
      expect(msg).toContain('WORKER="sometimes": must be inline or off');
      expect(msg).toContain('DATABASE_URL="mysql://x": must start with sqlite: or postgres://');
      expect(msg).toContain('DNS_SERVERS');
    }
  });
});
