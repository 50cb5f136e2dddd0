import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf, SESSION_COOKIE } from '../../http/auth.js';
import { CURRENCIES, LANGUAGES } from './locales.js';
import { redeemPasswordReset, requestPasswordReset } from './password-reset.js';
import {
  accountOut,
  changePasswordBody,
  loginBody,
  passwordResetRequestBody,
  profilePatchBody,
  sessionOut,
  signupBody,
  tokenCreateBody,
} from './schema.js';
import {
  confirmEmailChange,
  createAccount,
  regenerateSupportCode,
  toAccountOut,
  updateProfile,
} from './service.js';
import { changePassword, closeSession, login, type OpenedSession, openSession } from './sessions.js';
import { createToken, deleteToken, listTokens } from './tokens.js';

const tags = ['Accounts'];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const tokenParam = z.object({ token: z.string().min(10).max(200) });

export function accountRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const setSessionCookie = (reply: FastifyReply, opened: OpenedSession) =>
    reply.setCookie(SESSION_COOKIE, opened.cookie, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.publicScheme === 'https',
      path: '/',
      maxAge: deps.config.sessionDays * 86_400,
    });
  const sessionReply = (opened: OpenedSession) => ({
    account: toAccountOut(opened.account),
    csrf_token: opened.csrfToken,
    must_change_password: opened.account.must_change_password === 1,
  });
  const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

  return async (app) => {
    app.post(
      '/signup',
      {
        config: { auth: 'public' },
        schema: { tags, summary: 'Create an account', body: signupBody, response: { 201: sessionOut } },
      },
      async (req, reply) => {
        const account = await createAccount(deps, req.body);
        const opened = await openSession(deps, account, meta(req));
        setSessionCookie(reply, opened);
        return reply.status(201).send(sessionReply(opened));
      },
    );

    app.post(
      '/login',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Log in by email or username',
          body: loginBody,
          response: { 200: sessionOut },
        },
      },
      async (req, reply) => {
        const opened = await login(deps, req.body, meta(req));
        setSessionCookie(reply, opened);
        return sessionReply(opened);
      },
    );

    app.post(
      '/logout',
      { config: { auth: 'password_change' }, schema: { tags, summary: 'Log out' } },
      async (req, reply) => {
        const caller = callerOf(req);
        if (caller.via === 'session') await closeSession(deps, caller.session.id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/session',
      {
        config: { auth: 'password_change' },
        schema: { tags, summary: 'The current session', response: { 200: sessionOut } },
      },
      async (req) => {
        const caller = callerOf(req);
        return {
          account: toAccountOut(caller.account),
          csrf_token: caller.via === 'session' ? caller.session.csrf_token : '',
          must_change_password: caller.account.must_change_password === 1,
        };
      },
    );

    app.post(
      '/password-reset',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Mail a password reset link',
          body: passwordResetRequestBody,
          response: { 202: z.object({ ok: z.literal(true) }) },
        },
      },
      async (req, reply) => {
        await requestPasswordReset(deps, req.body.email);
        return reply.status(202).send({ ok: true as const });
      },
    );

    app.post(
      '/password-reset/:token',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Redeem a reset link for a temporary password',
          params: tokenParam,
          response: { 200: z.object({ temporary_password: z.string(), login: z.string() }) },
        },
      },
      async (req) => {
        const { temporaryPassword, login: username } = await redeemPasswordReset(deps, req.params.token);
        return { temporary_password: temporaryPassword, login: username };
      },
    );

    app.post(
      '/me/password',
      {
        config: { auth: 'password_change' },
        schema: {
          tags,
          summary: 'Change the password',
          body: changePasswordBody,
          response: { 200: sessionOut },
        },
      },
      async (req) => {
        const caller = callerOf(req);
        const keep = caller.via === 'session' ? caller.session.id : undefined;
        const account = await changePassword(deps, caller.account, req.body, keep);
        return {
          account: toAccountOut(account),
          csrf_token: caller.via === 'session' ? caller.session.csrf_token : '',
          must_change_password: false,
        };
      },
    );

    app.get(
      '/me',
      {
        config: { auth: 'password_change' },
        schema: { tags, summary: 'The profile', response: { 200: accountOut } },
      },
      async (req) => toAccountOut(callerOf(req).account),
    );

    app.patch(
      '/me',
      {
        schema: {
          tags,
          summary: 'Change the profile and settings',
          body: profilePatchBody,
          response: { 200: accountOut },
        },
      },
      async (req) => toAccountOut(await updateProfile(deps, callerOf(req).account, req.body)),
    );

    app.post(
      '/email-change/:token',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Confirm a new email address',
          params: tokenParam,
          response: { 200: accountOut },
        },
      },
      async (req) => toAccountOut(await confirmEmailChange(deps, req.params.token)),
    );

    app.post(
      '/me/support-code',
      {
        schema: {
          tags,
          summary: 'Regenerate the support code',
          response: { 200: z.object({ support_code: z.string() }) },
        },
      },
      async (req) => ({ support_code: await regenerateSupportCode(deps, callerOf(req).account.id) }),
    );

    app.get(
      '/options',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Currencies and checkout languages an account may choose',
          response: {
            200: z.object({
              currencies: z.array(z.object({ code: z.string(), name: z.string() })),
              languages: z.array(z.object({ code: z.string(), name: z.string() })),
            }),
          },
        },
      },
      async () => ({
        currencies: Object.entries(CURRENCIES).map(([code, name]) => ({ code, name })),
        languages: [
          ...Object.entries(LANGUAGES).map(([code, name]) => ({ code, name })),
          { code: 'auto', name: "The visitor's language" },
        ],
      }),
    );

    const tokenOut = z.object({
      id: z.number(),
      name: z.string(),
      created_at: z.string(),
      last_used_at: z.string().nullable(),
    });
    app.get(
      '/tokens',
      {
        schema: {
          tags,
          summary: 'Personal access tokens',
          response: { 200: z.object({ tokens: z.array(tokenOut) }) },
        },
      },
      async (req) => ({
        tokens: await listTokens(deps, callerOf(req).account.id),
      }),
    );
    app.post(
      '/tokens',
      {
        schema: {
          tags,
          summary: 'Create a personal access token (shown once)',
          body: tokenCreateBody,
          response: { 201: z.object({ id: z.number(), name: z.string(), token: z.string() }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createToken(deps, callerOf(req).account.id, req.body.name)),
    );
    app.delete(
      '/tokens/:id',
      { schema: { tags, summary: 'Revoke a token', params: idParam } },
      async (req, reply) => {
        await deleteToken(deps, callerOf(req).account.id, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
