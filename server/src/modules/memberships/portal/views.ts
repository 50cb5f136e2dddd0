import { escapeHtml as e } from '../../../lib/html.js';

/**
 * The portal's server-rendered pages: plain semantic HTML (landmarks, labelled fields, errors
 * announced with role="alert", a skip link), one small inline stylesheet, no scripts.
 */

export type Frame = {
  membership: string;
  slug: string;
  title: string;
  /** The member's session CSRF token when logged in: shows the log-out button. */
  logoutCsrf?: string | undefined;
};

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0a58ca}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header{background:#fff;border-bottom:1px solid #d0d7de}
.bar{max-width:52rem;margin:auto;padding:.75rem 1rem;display:flex;justify-content:space-between;align-items:center;gap:1rem}
.brand{font-weight:600;margin:0}
main{max-width:52rem;margin:1.5rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1.25rem 1.5rem;margin-bottom:1rem}
.narrow{max-width:26rem;margin:0 auto}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=email],input[type=password]{width:100%;padding:.6rem;border:1px solid #8c959f;border-radius:6px;font:inherit}
button{font:inherit;padding:.55rem 1.1rem;border-radius:6px;border:1px solid #0a58ca;background:#0a58ca;color:#fff;cursor:pointer;margin-top:1rem}
button.link{background:none;color:#0a58ca;border:none;padding:0;margin:0;text-decoration:underline}
.alert{border-left:4px solid #cf222e;background:#fff5f5;padding:.6rem .9rem;margin:.75rem 0}
.note{border-left:4px solid #1a7f37;background:#f0fff4;padding:.6rem .9rem;margin:.75rem 0}
.muted{color:#57606a}
ul.posts{list-style:none;padding:0;margin:.25rem 0 1rem}ul.posts li{padding:.35rem 0;border-bottom:1px solid #eaeef2}
.video{position:relative;padding-top:56.25%;margin:1rem 0}.video iframe{position:absolute;inset:0;width:100%;height:100%;border:0}
video{width:100%;margin:1rem 0}
.body img{max-width:100%;height:auto}
nav.crumbs ol{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}nav.crumbs li+li::before{content:"›";margin-right:.4rem;color:#57606a}
`;

export function layout(f: Frame, main: string): string {
  const logout = f.logoutCsrf
    ? `<form method="post" action="/m/${e(f.slug)}/logout"><input type="hidden" name="csrf" value="${e(f.logoutCsrf)}"><button type="submit" class="link">Log out</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(f.title)} · ${e(f.membership)}</title><style>${CSS}</style></head><body><a class="skip" href="#main">Skip to content</a><header><div class="bar"><p class="brand"><a href="/m/${e(f.slug)}/">${e(f.membership)}</a></p>${logout}</div></header><main id="main">${main}</main></body></html>`;
}

const alert = (msg: string | undefined) => (msg ? `<div class="alert" role="alert">${e(msg)}</div>` : '');

export function loginPage(
  f: Frame,
  v: { csrf: string; email?: string; error?: string; notice?: string; next?: string },
) {
  return layout(
    f,
    `<div class="card narrow"><h1>Log in</h1>${v.notice ? `<div class="note" role="status">${e(v.notice)}</div>` : ''}${alert(v.error)}
<form method="post" action="/m/${e(f.slug)}/login" novalidate>
<input type="hidden" name="csrf" value="${e(v.csrf)}">${v.next ? `<input type="hidden" name="next" value="${e(v.next)}">` : ''}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required value="${e(v.email ?? '')}"${v.error ? ' aria-describedby="login-error"' : ''}>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button></form>
<p><a href="/m/${e(f.slug)}/forgot">Forgot your password?</a></p></div>`,
  );
}

export function setPasswordPage(f: Frame, v: { csrf: string; action: string; error?: string }) {
  return layout(
    f,
    `<div class="card narrow"><h1>Choose your password</h1>${alert(v.error)}
<form method="post" action="${e(v.action)}" novalidate>
<input type="hidden" name="csrf" value="${e(v.csrf)}">
<label for="password">New password <span class="muted">(at least 8 characters)</span></label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
<label for="confirm">Repeat it</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="8" required>
<button type="submit">Save and log in</button></form></div>`,
  );
}

export function forgotPage(f: Frame, v: { csrf: string; sent?: boolean; error?: string }) {
  const body = v.sent
    ? '<div class="note" role="status">If this email has access, we have sent it a link to choose a new password. The link works for 2 hours.</div>'
    : `${alert(v.error)}<form method="post" action="/m/${e(f.slug)}/forgot" novalidate>
<input type="hidden" name="csrf" value="${e(v.csrf)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required>
<button type="submit">Send me a link</button></form>`;
  return layout(
    f,
    `<div class="card narrow"><h1>Forgot your password?</h1>${body}<p><a href="/m/${e(f.slug)}/login">Back to log in</a></p></div>`,
  );
}

export function messagePage(f: Frame, heading: string, text: string, link?: { href: string; label: string }) {
  return layout(
    f,
    `<div class="card narrow"><h1>${e(heading)}</h1><p>${e(text)}</p>${link ? `<p><a href="${e(link.href)}">${e(link.label)}</a></p>` : ''}</div>`,
  );
}

export type TreeView = {
  level: string;
  categories: {
    name: string;
    subcategories: { name: string; posts: { id: number; title: string; opensAt: string | null }[] }[];
  }[];
};

const day = (isoDate: string) =>
  new Date(isoDate).toLocaleDateString('en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });

export function treePage(f: Frame, t: TreeView) {
  const cats = t.categories
    .map(
      (c, i) =>
        `<section class="card" aria-labelledby="c-${i}"><h2 id="c-${i}">${e(c.name)}</h2>${c.subcategories
          .map(
            (s) =>
              `<h3>${e(s.name)}</h3><ul class="posts">${s.posts
                .map((p) =>
                  p.opensAt
                    ? `<li><span>${e(p.title)}</span> <span class="muted">— opens on ${e(day(p.opensAt))}</span></li>`
                    : `<li><a href="/m/${e(f.slug)}/posts/${p.id}">${e(p.title)}</a></li>`,
                )
                .join('')}</ul>`,
          )
          .join('')}</section>`,
    )
    .join('');
  return layout(
    f,
    `<h1>${e(f.membership)}</h1><p class="muted">Your level: ${e(t.level)}</p>${cats || '<p>Nothing has been published for your level yet.</p>'}`,
  );
}

export type PostView = {
  title: string;
  category: string;
  subcategory: string;
  body: string;
  video: { kind: 'iframe' | 'file'; src: string } | null;
  files: { id: number; file_name: string; size: number }[];
};

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

export function postPage(f: Frame, p: PostView) {
  const video = !p.video
    ? ''
    : p.video.kind === 'iframe'
      ? `<div class="video"><iframe src="${e(p.video.src)}" title="Video: ${e(p.title)}" allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy"></iframe></div>`
      : `<video controls preload="metadata" src="${e(p.video.src)}"><a href="${e(p.video.src)}">Download the video</a></video>`;
  const files = p.files.length
    ? `<section aria-labelledby="downloads"><h2 id="downloads">Downloads</h2><ul>${p.files
        .map(
          (x) =>
            `<li><a href="/m/${e(f.slug)}/files/${x.id}" download>${e(x.file_name)}</a> <span class="muted">(${size(x.size)})</span></li>`,
        )
        .join('')}</ul></section>`
    : '';
  // p.body is sanitized HTML (content.ts), stored that way.
  return layout(
    f,
    `<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="/m/${e(f.slug)}/">${e(f.membership)}</a></li><li>${e(p.category)}</li><li>${e(p.subcategory)}</li></ol></nav><article class="card"><h1>${e(p.title)}</h1>${video}<div class="body">${p.body}</div>${files}</article>`,
  );
}
