import { describe, expect, it } from 'vitest';
import { WELCOME_TEMPLATE } from '../memberships/mails.js';
import { mailOf } from './handler.js';

describe('mail.send payloads', () => {
  const welcome = {
    to: 'ada@example.com',
    firstName: 'Ada <3',
    business: 'Acme',
    membership: 'Academy',
    level: 'Gold',
    setPasswordLink: 'http://acme.localhost/m/academy/set-password/abc',
    portalLink: 'http://acme.localhost/m/academy/',
    validDays: 7,
    hasPassword: false,
  };

  it('takes a rendered mail as it is', () => {
    const m = { to: 'a@example.com', subject: 'Hi', text: 'Hello\n', html: null };
    expect(mailOf(m)).toEqual(m);
  });

  it('renders a template from its data when sending', () => {
    const m = mailOf({ template: WELCOME_TEMPLATE, data: welcome });
    expect(m.to).toBe('ada@example.com');
    expect(m.subject).toBe('Your access to Academy');
    expect(m.text).toContain('Hello Ada <3,');
    expect(m.text).toContain('http://acme.localhost/m/academy/set-password/abc');
    expect(m.html).toContain('Hello Ada &lt;3,');
  });

  it('refuses an unknown template or bad data (the job is dead at once)', () => {
    expect(() => mailOf({ template: 'nope', data: welcome })).toThrow(/No mail template is named "nope"/);
    expect(() => mailOf({ template: WELCOME_TEMPLATE, data: { ...welcome, to: 1 } })).toThrow();
    expect(() => mailOf({ to: 'x' })).toThrow();
  });
});
