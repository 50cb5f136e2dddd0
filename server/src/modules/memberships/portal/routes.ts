import fs from 'node:fs';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Account } from '../../../db/types.js';
import type { AppDeps } from '../../../deps.js';
import { siteAccountOf } from '../../../http/site.js';
import { notFoundPage } from '../../../http/static.js';
import { randomToken, safeEqual } from '../../../lib/crypto.js';
import { AppError } from '../../../lib/errors.js';
import { VIDEO_FRAME_HOSTS, videoEmbed } from '../content.js';
import { storedPath } from '../service.js';
import {
  endSession,
  findLinkToken,
  MEMBER_COOKIE,
  type MemberSession,
  memberLogin,
  requestReset,
  resolveMemberSession,
  SESSION_DAYS,
  setPasswordFromLink,
} from './auth.js';
import { activeAccess, readablePost, readableTree } from './reader.js';
import {
  type Frame,
  forgotPage,
  loginPage,
  messagePage,
  postPage,
  setPasswordPage,
  treePage,
} from './views.js';

/**
 * The member portal on the account's site host: `{username}.PLATFORM_DOMAIN/m/{slug}/…`.
 * Server-rendered HTML, no scripts. Every request resolves the site's account from the Host
 * header (other hosts get the plain 404 page), the membership by slug within that account, and
 * the member's session and active access afresh — so a revoke shuts a member out at once.
 *
 * CSRF: forms before login carry a double-submit token (a random cookie and the same value in
 * a hidden field) and must come from this origin when the browser says where from (Origin);
 * log-out carries the session's own token.
 */

const CSRF_COOKIE = 'atrium_member_csrf';
const SITE_CSP = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  'media-src https:',
  `frame-src ${VIDEO_FRAME_HOSTS.join(' ')}`,
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

type Site = { account: Account; membership: { id: number; name: string; slug: string } };

const slugParam = z.object({ slug: z.string().min(1).max(60) });
const loginForm = z.object({
  email: z.string().trim().max(254).default(''),
  password: z.string().max(200).default(''),
  csrf: z.string().max(100).default(''),
  next: z.string().max(500).optional(),
});
const passwordForm = z.object({
  password: z.string().max(200).default(''),
  confirm: z.string().max(200).default(''),
  csrf: z.string().max(100).default(''),
});
const emailForm = z.object({
  email: z.string().trim().max(254).default(''),
  csrf: z.string().max(100).default(''),
});
const csrfForm = z.object({ csrf: z.string().max(100).default('') });

export function portalRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(fastifyFormbody, { bodyLimit: 16_384 });
    const secure = deps.config.publicScheme === 'https';

    const html = (reply: FastifyReply, status: number, body: string) =>
      reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', SITE_CSP)
        .send(body);
    const notFound = (reply: FastifyReply) =>
      reply.status(404).header('content-type', 'text/html; charset=utf-8').send(notFoundPage());

    async function site(req: FastifyRequest): Promise<Site | undefined> {
      const account = await siteAccountOf(deps, req);
      if (!account) return undefined;
      const { slug } = slugParam.parse(req.params);
      const membership = await deps.db
        .selectFrom('memberships')
        .select(['id', 'name', 'slug'])
        .where('account_id', '=', account.id)
        .where('slug', '=', slug.toLowerCase())
        .executeTakeFirst();
      return membership ? { account, membership } : undefined;
    }

    const frame = (s: Site, title: string, session?: MemberSession): Frame => ({
      membership: s.membership.name,
      slug: s.membership.slug,
      title,
      logoutCsrf: session?.csrf_token,
    });
    const base = (s: Site) => `/m/${s.membership.slug}/`;

    /** The double-submit CSRF value of this browser, set when missing. */
    function formToken(req: FastifyRequest, reply: FastifyReply): string {
      const have = req.cookies[CSRF_COOKIE];
      if (have && /^[\w-]{20,100}$/.test(have)) return have;
      const token = randomToken(24);
      reply.setCookie(CSRF_COOKIE, token, { path: '/m/', httpOnly: true, sameSite: 'lax', secure });
      return token;
    }
    /** A browser that says where a form came from must say this very origin. */
    function sameOrigin(req: FastifyRequest): boolean {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      try {
        return new URL(origin).host === req.headers.host;
      } catch {
        return false; // includes "null" (sandboxed or privacy-redirected forms)
      }
    }
    function checkFormToken(req: FastifyRequest, sent: string): boolean {
      const have = req.cookies[CSRF_COOKIE];
      return sameOrigin(req) && !!have && !!sent && safeEqual(have, sent);
    }
    const expired = (reply: FastifyReply, s: Site) =>
      html(
        reply,
        403,
        messagePage(
          frame(s, 'Please try again'),
          'Please try again',
          'This form has expired. Reload the page and send it again.',
          {
            href: `${base(s)}login`,
            label: 'Back to log in',
          },
        ),
      );

    const sessionOf = (req: FastifyRequest, s: Site) =>
      resolveMemberSession(deps, s.account.id, req.cookies[MEMBER_COOKIE]);
    const setSessionCookie = (reply: FastifyReply, cookie: string) =>
      reply.setCookie(MEMBER_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: SESSION_DAYS * 86_400,
      });
    const toLogin = (reply: FastifyReply, s: Site, next?: string) =>
      reply
        .status(303)
        .header('cache-control', 'no-store')
        .redirect(`${base(s)}login${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
    const safeNext = (s: Site, next: string | undefined) =>
      next?.startsWith(base(s)) && !next.includes('//', 1) && !next.includes('\\') ? next : base(s);

    /** The member and their access, or the reply that turns them away. */
    async function member(req: FastifyRequest, reply: FastifyReply, s: Site) {
      const session = await sessionOf(req, s);
      if (!session) return { turnedAway: toLogin(reply, s, req.url.split('?')[0]) };
      const access = await activeAccess(deps.db, s.account.id, s.membership.id, session.lead_id);
      if (!access)
        return {
          turnedAway: html(
            reply,
            403,
            messagePage(
              frame(s, 'No access', session),
              'Your access has ended',
              `You no longer have access to ${s.membership.name}. If you think this is a mistake, contact the seller.`,
            ),
          ),
        };
      return { session, access };
    }

    app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
      const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
      if (status >= 500) req.log.error({ err }, 'portal error');
      return reply
        .status(status >= 400 && status < 600 ? status : 500)
        .header('content-type', 'text/html; charset=utf-8')
        .send(
          status === 404
            ? notFoundPage()
            : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><main><h1>Something went wrong</h1><p>${status >= 500 ? 'Please try again in a moment.' : 'The request could not be handled.'}</p></main></body></html>`,
        );
    });

    app.get('/m/:slug', async (req, reply) => {
      const s = await site(req);
      return s ? reply.redirect(base(s), 301) : notFound(reply);
    });

    app.get('/m/:slug/', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      const m = await member(req, reply, s);
      if ('turnedAway' in m) return m.turnedAway;
      const tree = await readableTree(deps.db, s.account.id, s.membership.id, m.access, deps.clock.now());
      return html(reply, 200, treePage(frame(s, 'Contents', m.session), tree));
    });

    app.get('/m/:slug/login', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      const session = await sessionOf(req, s);
      if (session && (await activeAccess(deps.db, s.account.id, s.membership.id, session.lead_id)))
        return reply.redirect(base(s), 303);
      const q = z
        .object({ next: z.string().max(500).optional(), reset: z.string().optional() })
        .safeParse(req.query);
      const next = q.success ? q.data.next : undefined;
      return html(
        reply,
        200,
        loginPage(frame(s, 'Log in'), {
          csrf: formToken(req, reply),
          ...(next ? { next } : {}),
        }),
      );
    });

    app.post('/m/:slug/login', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      const form = loginForm.safeParse(req.body ?? {});
      if (!form.success || !checkFormToken(req, form.data.csrf)) return expired(reply, s);
      const { email, password, next } = form.data;
      const again = (status: number, error: string) =>
        html(
          reply,
          status,
          loginPage(frame(s, 'Log in'), {
            csrf: formToken(req, reply),
            email,
            error,
            ...(next ? { next } : {}),
          }),
        );
      if (!email || !password) return again(400, 'Enter your email and your password.');
      try {
        const cookie = await memberLogin(
          deps,
          s.account.id,
          { email, password },
          { ip: req.ip, userAgent: req.headers['user-agent'] },
        );
        setSessionCookie(reply, cookie);
        return reply.redirect(safeNext(s, next), 303);
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 429))
          return again(err.status, err.message);
        throw err;
      }
    });

    app.post('/m/:slug/logout', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      const form = csrfForm.safeParse(req.body ?? {});
      const session = await sessionOf(req, s);
      if (session) {
        if (!form.success || !sameOrigin(req) || !safeEqual(form.data.csrf, session.csrf_token))
          return expired(reply, s);
        await endSession(deps, s.account.id, req.cookies[MEMBER_COOKIE]!);
      }
      reply.clearCookie(MEMBER_COOKIE, { path: '/' });
      return reply.redirect(`${base(s)}login`, 303);
    });

    app.get('/m/:slug/forgot', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      return html(reply, 200, forgotPage(frame(s, 'Forgot your password?'), { csrf: formToken(req, reply) }));
    });

    app.post('/m/:slug/forgot', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      const form = emailForm.safeParse(req.body ?? {});
      if (!form.success || !checkFormToken(req, form.data.csrf)) return expired(reply, s);
      if (!z.email().safeParse(form.data.email).success)
        return html(
          reply,
          400,
          forgotPage(frame(s, 'Forgot your password?'), {
            csrf: formToken(req, reply),
            error: 'Enter the email address you use for this membership.',
          }),
        );
      await requestReset(deps, s.account, s.membership, form.data.email);
      return html(reply, 200, forgotPage(frame(s, 'Forgot your password?'), { csrf: '', sent: true }));
    });

    const tokenParam = slugParam.extend({ token: z.string().min(10).max(100) });
    const linkGone = (reply: FastifyReply, s: Site) =>
      html(
        reply,
        410,
        messagePage(
          frame(s, 'Link expired'),
          'This link no longer works',
          'It was used already or has expired. Ask for a new one with "Forgot your password?".',
          { href: `${base(s)}forgot`, label: 'Get a new link' },
        ),
      );

    app.get('/m/:slug/set-password/:token', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      const { token } = tokenParam.parse(req.params);
      if (!(await findLinkToken(deps, s.account.id, token))) return linkGone(reply, s);
      return html(
        reply,
        200,
        setPasswordPage(frame(s, 'Choose your password'), {
          csrf: formToken(req, reply),
          action: `${base(s)}set-password/${token}`,
        }),
      );
    });

    app.post('/m/:slug/set-password/:token', async (req, reply) => {
      const s = await site(req);
      if (!s) return notFound(reply);
      const { token } = tokenParam.parse(req.params);
      const form = passwordForm.safeParse(req.body ?? {});
      if (!form.success || !checkFormToken(req, form.data.csrf)) return expired(reply, s);
      const again = (error: string) =>
        html(
          reply,
          400,
          setPasswordPage(frame(s, 'Choose your password'), {
            csrf: formToken(req, reply),
            action: `${base(s)}set-password/${token}`,
            error,
          }),
        );
      const { password, confirm } = form.data;
      if (password.length < 8) return again('Choose a password of at least 8 characters.');
      if (password !== confirm) return again('The two passwords differ. Type the same password twice.');
      const done = await setPasswordFromLink(deps, s.account.id, token, password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      if (!done) return linkGone(reply, s);
      setSessionCookie(reply, done.cookie);
      return reply.redirect(base(s), 303);
    });

    const postParam = slugParam.extend({ postId: z.coerce.number().int().positive() });
    app.get('/m/:slug/posts/:postId', async (req, reply) => {
      const s = await site(req);
      const p = postParam.safeParse(req.params);
      if (!s || !p.success) return notFound(reply);
      const m = await member(req, reply, s);
      if ('turnedAway' in m) return m.turnedAway;
      const now = deps.clock.now();
      const verdict = await readablePost(
        deps.db,
        s.account.id,
        s.membership.id,
        m.access,
        p.data.postId,
        now,
      );
      if (!verdict.ok) {
        if (verdict.reason === 'not_found') return notFound(reply);
        const f = frame(s, 'Not available', m.session);
        const back = { href: base(s), label: 'Back to the contents' };
        return html(
          reply,
          403,
          verdict.reason === 'not_yet'
            ? messagePage(f, 'Not open yet', `This lesson opens on ${verdict.opensAt!.slice(0, 10)}.`, back)
            : messagePage(
                f,
                'Not part of your level',
                'This lesson belongs to another level of the membership.',
                back,
              ),
        );
      }
      const files = await deps.db
        .selectFrom('membership_files')
        .select(['id', 'file_name', 'size'])
        .where('account_id', '=', s.account.id)
        .where('post_id', '=', verdict.post.id)
        .orderBy('id')
        .execute();
      let video: ReturnType<typeof videoEmbed> | null = null;
      try {
        video = verdict.post.video_url ? videoEmbed(verdict.post.video_url) : null;
      } catch {
        video = null;
      }
      return html(
        reply,
        200,
        postPage(frame(s, verdict.post.title, m.session), {
          title: verdict.post.title,
          category: verdict.post.category,
          subcategory: verdict.post.subcategory,
          body: verdict.post.body,
          video,
          files: files.map((f) => ({ ...f, size: Number(f.size) })),
        }),
      );
    });

    const fileParam = slugParam.extend({ fileId: z.coerce.number().int().positive() });
    app.get('/m/:slug/files/:fileId', async (req, reply) => {
      const s = await site(req);
      const p = fileParam.safeParse(req.params);
      if (!s || !p.success) return notFound(reply);
      const m = await member(req, reply, s);
      if ('turnedAway' in m) return m.turnedAway;
      const file = await deps.db
        .selectFrom('membership_files')
        .select(['id', 'post_id', 'file_name', 'size', 'storage_key'])
        .where('account_id', '=', s.account.id)
        .where('membership_id', '=', s.membership.id)
        .where('id', '=', p.data.fileId)
        .executeTakeFirst();
      if (!file) return notFound(reply);
      const verdict = await readablePost(
        deps.db,
        s.account.id,
        s.membership.id,
        m.access,
        file.post_id,
        deps.clock.now(),
      );
      if (!verdict.ok)
        return html(
          reply,
          403,
          messagePage(
            frame(s, 'Not available', m.session),
            'Not available',
            'This download is not open to your level yet.',
          ),
        );
      const path = storedPath(deps.config, file.storage_key);
      if (!fs.existsSync(path)) return notFound(reply);
      // Always a download, never rendered on the site's origin, whatever was uploaded.
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
        .header('content-length', String(file.size))
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(path));
    });
  };
}
