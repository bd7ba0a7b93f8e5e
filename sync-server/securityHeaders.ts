import { createHash } from 'node:crypto';

/**
 * Headers for every response of the app. The CSP allows only this origin, libsodium's
 * WebAssembly (`'wasm-unsafe-eval'`), and the inline boot script of SvelteKit's
 * `index.html` by its hash, so no other inline script can run. `no-referrer` keeps invite
 * links (whose fragment carries a key) out of every Referer header. HSTS is left to the
 * TLS-terminating deployment.
 */
export function buildSecurityHeaders(indexHtml: string | undefined): Record<string, string> {
  const scriptHashes = inlineScriptHashes(indexHtml ?? '').map((hash) => `'sha256-${hash}'`);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  };
}

function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = match[1] ?? '';
    if (body.trim()) hashes.push(createHash('sha256').update(body).digest('base64'));
  }
  return hashes;
}
