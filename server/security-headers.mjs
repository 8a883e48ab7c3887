// Security headers (ADR 041). Plain JS so server.mjs can use it before the app bundle loads;
// the app's document renderer (entry.server.tsx) builds each page's Content-Security-Policy
// here too, with the nonce it gave that page's scripts.
import { randomBytes } from 'node:crypto'

/** 128 random bits per document, as the CSP spec asks. base64 holds no quote or space. */
export function createNonce() {
	return randomBytes(16).toString('base64')
}

/**
 * The policy for an HTML document.
 * - Scripts: our own files, and inline scripts only with this document's nonce (Remix's
 *   hydration data and module loader). No 'unsafe-eval': lessons are stored as an HTML tree
 *   and rendered as React elements, nothing is evaluated (ADR 015; ADR 041 had allowed eval
 *   for the MDX bundles this replaced).
 * - Styles: our stylesheet, plus inline `style` attributes (progress bars) — a style cannot run code.
 * - Images and video: lessons may show media from any http(s) address (ADR 010's allow-list).
 * - No plugins, no <base>, forms post only here, nobody may frame the app.
 * - In development, Vite's HMR talks over a WebSocket.
 */
export function contentSecurityPolicy({ nonce, dev = false, secure = false }) {
	const directives = [
		"default-src 'self'",
		`script-src 'self' 'nonce-${nonce}'`,
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob: https: http:",
		"media-src 'self' https: http:",
		"font-src 'self' data:",
		dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-src 'none'",
		"frame-ancestors 'none'",
		...(secure ? ['upgrade-insecure-requests'] : []),
	]
	return directives.join('; ')
}

/** The nonce a policy made by contentSecurityPolicy allows, or null. */
export function nonceOfPolicy(policy) {
	return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? '')?.[1] ?? null
}

/** Headers for every response, whatever it is. */
export function staticSecurityHeaders({ secure = false } = {}) {
	return {
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'same-origin',
		// For browsers without CSP frame-ancestors.
		'X-Frame-Options': 'DENY',
		'Cross-Origin-Opener-Policy': 'same-origin',
		// Nothing in the app uses these; a lesson's video may go full screen.
		'Permissions-Policy': 'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), fullscreen=(self)',
		// Only where cookies are Secure, i.e. the site is served over HTTPS. No includeSubDomains:
		// other hosts of the bureau's domain are not ours to move to HTTPS.
		...(secure ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
	}
}
