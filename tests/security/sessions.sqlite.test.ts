// The security suite's session part on SQLite (fixation, revocation, sign out everywhere,
// deactivation, tampered cookies, cookie flags, throttling under concurrency: session-checks.ts),
// with the checks that need no database: foreign-Origin refusal and security headers. The
// PostgreSQL run of the same session checks is sessions.postgresql.test.ts.
import { describe, expect, test } from 'vitest'
import { isForeignOriginRequest } from '../../server/origin-check.mjs'
import { contentSecurityPolicy, staticSecurityHeaders } from '../../server/security-headers.mjs'
import { sessionSuite } from './session-checks.ts'

sessionSuite('sqlite')

describe('foreign origins', () => {
	const host = 'hongshen.example:3000'
	test.each(['POST', 'PUT', 'PATCH', 'DELETE'])('a %s from another site is refused, from this one allowed', (method) => {
		for (const origin of ['https://evil.example', 'http://hongshen.example:4000', 'http://hongshen.example.evil.example:3000', 'null', 'file://', 'http://hongshen.example']) {
			expect(isForeignOriginRequest({ method, origin, host }), `${method} from ${origin}`).toBe(true)
		}
		expect(isForeignOriginRequest({ method, origin: null, host, secFetchSite: 'cross-site' })).toBe(true)
		expect(isForeignOriginRequest({ method, origin: `http://${host}`, host })).toBe(false)
	})
	test('safe methods are not refused (they change nothing)', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(isForeignOriginRequest({ method, origin: 'https://evil.example', host })).toBe(false)
	})
})

describe('security headers', () => {
	test('every response: no sniffing, no framing, same-origin referrers and opener; HSTS only over HTTPS', () => {
		for (const secure of [false, true]) {
			const headers = staticSecurityHeaders({ secure }) as Record<string, string>
			expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin', 'Cross-Origin-Opener-Policy': 'same-origin' })
			expect(headers['Permissions-Policy']).toContain('camera=()')
			expect(headers['Strict-Transport-Security'] !== undefined).toBe(secure)
		}
	})
	test('every document: scripts only by nonce, no plugins, no framing, no <base>, forms post only here', () => {
		const policy = contentSecurityPolicy({ nonce: 'abc123', dev: false, secure: true })
		for (const directive of ["default-src 'self'", "script-src 'self' 'nonce-abc123'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "connect-src 'self'", 'upgrade-insecure-requests']) {
			expect(policy).toContain(directive)
		}
		expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/)
	})
})
