import { describe, expect, test } from 'vitest'
import { isForeignOriginRequest } from './origin-check.mjs'

describe('isForeignOriginRequest', () => {
	test('allows safe methods from anywhere', () => {
		expect(isForeignOriginRequest({ method: 'GET', origin: 'https://evil.example', host: 'app.local' })).toBe(false)
	})
	test('allows a POST from the same origin', () => {
		expect(isForeignOriginRequest({ method: 'POST', origin: 'http://app.local:3000', host: 'app.local:3000' })).toBe(false)
	})
	test('refuses a POST from another origin', () => {
		expect(isForeignOriginRequest({ method: 'POST', origin: 'https://evil.example', host: 'app.local:3000' })).toBe(true)
	})
	test('refuses a lookalike host on another port', () => {
		expect(isForeignOriginRequest({ method: 'DELETE', origin: 'http://app.local:4000', host: 'app.local:3000' })).toBe(true)
	})
	test('refuses an unparsable origin', () => {
		expect(isForeignOriginRequest({ method: 'POST', origin: 'null', host: 'app.local' })).toBe(true)
	})
	test('refuses an origin-less cross-site request by fetch metadata', () => {
		expect(isForeignOriginRequest({ method: 'POST', origin: null, host: 'app.local', secFetchSite: 'cross-site' })).toBe(true)
		expect(isForeignOriginRequest({ method: 'POST', origin: null, host: 'app.local', secFetchSite: 'same-origin' })).toBe(false)
	})
})
