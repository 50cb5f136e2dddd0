import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { checkWebhookUrl, guardedLookup, WebhookRefused } from '../automations/webhook.js';

/**
 * One outbound POST (webhook JSON or IPN form), through the automations' SSRF guard: http(s) only,
 * every resolved address checked at connect time, no redirects followed. Resolves with the HTTP
 * status of a 2xx answer; rejects with WebhookRefused (never retried) or an Error (retried).
 */

export { WebhookRefused };

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (the sandbox gateway's scheme). */
export function signature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export function postOut(
  raw: string,
  body: string,
  opts: { allowPrivate: boolean; contentType: string; headers?: Record<string, string>; timeoutMs?: number },
): Promise<{ status: number }> {
  const url = checkWebhookUrl(raw, opts.allowPrivate);
  const payload = Buffer.from(body);
  const client = url.protocol === 'https:' ? https : http;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(opts.allowPrivate),
        headers: {
          'content-type': opts.contentType,
          'content-length': String(payload.length),
          'user-agent': 'Atrium-Webhook/1',
          ...opts.headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > 65_536) res.destroy();
        });
        res.on('close', () => {
          if (status >= 200 && status < 300) resolve({ status });
          else
            reject(
              Object.assign(
                new Error(
                  status >= 300 && status < 400
                    ? `The address answered HTTP ${status} (a redirect); redirects are not followed, use the final address.`
                    : `The address answered HTTP ${status}.`,
                ),
                { status },
              ),
            );
        });
        res.on('error', () => {});
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`The address did not answer within ${timeoutMs / 1000} s.`)),
    );
    req.on('error', (err) =>
      reject(
        err instanceof WebhookRefused ? err : new Error(`The address could not be reached: ${err.message}`),
      ),
    );
    req.end(payload);
  });
}
