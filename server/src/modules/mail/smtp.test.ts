import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

type Received = { to: string[]; raw: string };

describe('mail over real SMTP', () => {
  let server: SMTPServer;
  let received: Received[];
  let refuse: boolean;
  let t: TestApp;

  beforeEach(async () => {
    received = [];
    refuse = false;
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onRcptTo(_address, _session, cb) {
        if (refuse) return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        cb();
      },
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Atrium <no-reply@shop.test>',
    });
  });
  afterEach(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers the password reset mail, text and HTML, through the SMTP server', async () => {
    await t.signup('shop');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/password-reset',
      payload: { email: 'shop@example.com' },
    });
    expect(res.statusCode).toBe(202);
    await t.runJobs();
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['shop@example.com']);
    const mail = await simpleParser(received[0]!.raw);
    expect(mail.subject).toBe('Reset your Atrium password');
    expect(mail.from?.text).toContain('no-reply@shop.test');
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/reset\/[A-Za-z0-9_-]{43}/);
    expect(mail.html).toContain('Reset my password');
    // The dev mailbox is closed while real SMTP is configured.
    expect((await t.request({ method: 'GET', url: '/api/v1/dev/mailbox' })).statusCode).toBe(404);
  });

  it('retries a mail the server refuses, and delivers it once the server accepts', async () => {
    refuse = true;
    await t.signup('shop');
    await t.request({
      method: 'POST',
      url: '/api/v1/password-reset',
      payload: { email: 'shop@example.com' },
    });
    await t.runJobs();
    expect(received).toHaveLength(0);
    const job = await t.db.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', 'mail.send')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    expect(job.last_error).toContain('Mailbox busy');
    refuse = false;
    t.clock.advance(60 * 60 * 1000);
    await t.runJobs();
    expect(received).toHaveLength(1);
  });
});
