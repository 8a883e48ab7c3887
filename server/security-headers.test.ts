import { describe, expect, test } from 'vitest'
import { contentSecurityPolicy, createNonce, nonceOfPolicy, staticSecurityHeaders } from './security-headers.mjs'

const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `))

describe('security headers', () => {
	test('a document policy allows inline scripts only by its nonce, and no framing, plugins or <base>', () => {
		const nonce = createNonce()
		const policy = contentSecurityPolicy({ nonce })
		expect(directive(policy, 'script-src')).toBe(`script-src 'self' 'nonce-${nonce}'`)
		expect(policy).not.toContain('unsafe-eval')
		expect(policy).toContain("frame-ancestors 'none'")
		expect(policy).toContain("object-src 'none'")
		expect(policy).toContain("base-uri 'none'")
		expect(policy).toContain("connect-src 'self'")
		expect(policy).not.toContain('ws:')
		expect(policy).not.toContain('upgrade-insecure-requests')
		expect(nonceOfPolicy(policy)).toBe(nonce)
		expect(createNonce()).not.toBe(nonce)
	})

	test('development adds only the HMR socket; HTTPS sites upgrade requests', () => {
		expect(directive(contentSecurityPolicy({ nonce: 'n', dev: true }), 'connect-src')).toBe("connect-src 'self' ws: wss:")
		expect(contentSecurityPolicy({ nonce: 'n', secure: true })).toContain('upgrade-insecure-requests')
	})

	test('every response gets Permissions-Policy and the rest; HSTS only with Secure cookies', () => {
		const plain = staticSecurityHeaders({ secure: false })
		expect(plain).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin', 'X-Frame-Options': 'DENY' })
		expect(plain['Permissions-Policy']).toContain('camera=()')
		expect(plain['Strict-Transport-Security']).toBeUndefined()
		expect(staticSecurityHeaders({ secure: true })['Strict-Transport-Security']).toBe('max-age=31536000')
	})
})
