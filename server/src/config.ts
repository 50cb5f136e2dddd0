import path from 'node:path';
import { z } from 'zod';

/** Environment → typed config, validated once at start. Names follow API.md. */

const intIn = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'], { message: 'must be 1 or 0' })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const hostPort = z.string().regex(/^[0-9a-fA-F.:[\]]+?(:\d{1,5})?$/, 'must be ip[:port]');

const envSchema = z.object({
  PORT: intIn(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  PLATFORM_DOMAIN: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
      'must be a lower-case host name',
    )
    .default('localhost'),
  PUBLIC_SCHEME: z.enum(['http', 'https'], { message: 'must be http or https' }).default('http'),
  PUBLIC_PORT: intIn(1, 65535).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  DNS_SERVERS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : []))
    .pipe(z.array(hostPort)),
  WORKER: z.enum(['inline', 'off'], { message: 'must be inline or off' }).default('inline'),
  DEMO: flag.optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  TRADEMARK_WORDS: z.string().default('atrium,kartra'),
  LOGIN_MAX_FAILURES: intIn(1, 1000).default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: intIn(1, 10080).default(15),
  IP_BLOCK_MINUTES: intIn(1, 525600).default(60),
  SESSION_DAYS: intIn(1, 365).default(30),
  PLANS_FILE: z.string().optional(),
  TRUST_PROXY: flag.default(false),
  WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  DOMAIN_CHECK_HTTP_PORT: intIn(1, 65535).default(80),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  platformDomain: string;
  publicScheme: 'http' | 'https';
  /** Base URL of the admin app, as written into mails. */
  adminUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  dnsServers: string[];
  worker: 'inline' | 'off';
  demo: boolean;
  logLevel: string;
  trademarkWords: string[];
  login: { maxFailures: number; windowMinutes: number; blockMinutes: number };
  sessionDays: number;
  plansFile: string | undefined;
  trustProxy: boolean;
  /** Automation webhooks may target private, loopback and link-local addresses (off by default: SSRF). */
  webhookAllowPrivate: boolean;
  /** Port of the custom-domain apex forwarding check (80; test setups use another). */
  domainCheckHttpPort: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0]);
      return `  ${key}=${JSON.stringify(env[key] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Configuration error:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const dbUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'atrium.db')}`;
  const database: Config['database'] = dbUrl.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: path.resolve(dbUrl.slice('sqlite:'.length)) }
    : { dialect: 'postgres', url: dbUrl };
  const defaultPort = e.PUBLIC_SCHEME === 'http' && e.PLATFORM_DOMAIN === 'localhost' ? e.PORT : undefined;
  const publicPort = e.PUBLIC_PORT ?? defaultPort;
  const standard = (e.PUBLIC_SCHEME === 'http' ? 80 : 443) === publicPort;
  const portSuffix = publicPort && !standard ? `:${publicPort}` : '';
  const adminHost = e.PLATFORM_DOMAIN === 'localhost' ? 'localhost' : `app.${e.PLATFORM_DOMAIN}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    platformDomain: e.PLATFORM_DOMAIN,
    publicScheme: e.PUBLIC_SCHEME,
    adminUrl: `${e.PUBLIC_SCHEME}://${adminHost}${portSuffix}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? `Atrium <no-reply@${e.PLATFORM_DOMAIN}>`,
    dnsServers: e.DNS_SERVERS,
    worker: e.WORKER,
    demo: e.DEMO ?? database.dialect === 'sqlite',
    logLevel: e.LOG_LEVEL,
    trademarkWords: e.TRADEMARK_WORDS.split(',')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean),
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      windowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
      blockMinutes: e.IP_BLOCK_MINUTES,
    },
    sessionDays: e.SESSION_DAYS,
    plansFile: e.PLANS_FILE,
    trustProxy: e.TRUST_PROXY,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    domainCheckHttpPort: e.DOMAIN_CHECK_HTTP_PORT,
  };
}
