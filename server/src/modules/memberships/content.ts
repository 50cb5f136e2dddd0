import sanitizeHtml from 'sanitize-html';
import { unprocessable } from '../../lib/errors.js';

/**
 * What members read: post bodies are sanitized on the way in (an allow-list of formatting
 * tags; no scripts, event handlers, styles, iframes or forms), and video URLs are turned into
 * the embed source of a known provider, so the portal's CSP can name exactly those.
 */

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'mark',
    'small',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'img',
    'figure',
    'figcaption',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
    'div',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        rel: 'noopener noreferrer nofollow',
        ...(attribs.target ? { target: '_blank' } : {}),
      },
    }),
  },
};

export const sanitizeBody = (html: string): string => sanitizeHtml(html, SANITIZE).trim();

/** Hosts the portal's post pages may frame (Content-Security-Policy frame-src). */
export const VIDEO_FRAME_HOSTS = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://fast.wistia.net',
  'https://www.loom.com',
];

const YT_ID = /^[A-Za-z0-9_-]{6,20}$/;

/**
 * The embed source for a video URL: an iframe URL of YouTube (privacy mode), Vimeo, Wistia or
 * Loom, or a direct https .mp4/.webm file for a <video> element. Anything else is a 422.
 */
export function videoEmbed(raw: string): { kind: 'iframe' | 'file'; src: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw badVideo();
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw badVideo();
  const host = u.hostname.replace(/^www\.|^m\./, '');
  const parts = u.pathname.split('/').filter(Boolean);
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const id =
      u.searchParams.get('v') ?? (['embed', 'shorts', 'live'].includes(parts[0] ?? '') ? parts[1] : '');
    if (id && YT_ID.test(id)) return { kind: 'iframe', src: `https://www.youtube-nocookie.com/embed/${id}` };
  }
  if (host === 'youtu.be' && parts[0] && YT_ID.test(parts[0]))
    return { kind: 'iframe', src: `https://www.youtube-nocookie.com/embed/${parts[0]}` };
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id = parts.find((p) => /^\d{3,12}$/.test(p));
    if (id) return { kind: 'iframe', src: `https://player.vimeo.com/video/${id}` };
  }
  if (host === 'fast.wistia.net' || host.endsWith('.wistia.com')) {
    const id = parts[parts.length - 1];
    if (id && /^[a-z0-9]{5,20}$/.test(id))
      return { kind: 'iframe', src: `https://fast.wistia.net/embed/iframe/${id}` };
  }
  if (host === 'loom.com' && (parts[0] === 'share' || parts[0] === 'embed') && parts[1]) {
    if (/^[a-f0-9]{16,40}$/.test(parts[1]))
      return { kind: 'iframe', src: `https://www.loom.com/embed/${parts[1]}` };
  }
  if (u.protocol === 'https:' && /\.(mp4|webm)$/i.test(u.pathname) && !u.username && !u.password)
    return { kind: 'file', src: u.toString() };
  throw badVideo();
}

const badVideo = () =>
  unprocessable(
    'unsupported_video_url',
    'Use a YouTube, Vimeo, Wistia or Loom link, or an https link to an .mp4 or .webm file.',
    { field: 'video_url' },
  );
