import { describe, expect, test } from 'vitest'
import { safeRedirectPath } from './misc.ts'

const APP = 'http://localhost:3000'

// Known open-redirect bypasses (OWASP's unvalidated-redirects cheat sheet, PortSwigger's and
// PayloadsAllTheThings' lists), each written as the string that reaches the login action.
const BYPASSES: [string, unknown][] = [
	['protocol-relative', '//evil.example'],
	['protocol-relative, three slashes', '///evil.example'],
	['backslash after slash', '/\\evil.example'],
	['two backslashes', '\\\\evil.example'],
	['slash-backslash-slash', '/\\/evil.example'],
	['tab that browsers drop (the reported case)', '/\t/evil.example'],
	['newline that browsers drop', '/\n/evil.example'],
	['carriage return and newline (header splitting too)', '/\r\n/evil.example'],
	['NUL', '/\u0000/evil.example'],
	['DEL', '/\u007f/evil.example'],
	['leading space', ' //evil.example'],
	['encoded tab', '/%09/evil.example'],
	['encoded newline', '/%0a/evil.example'],
	['encoded slashes', '/%2F%2Fevil.example'],
	['encoded slash, lower case', '/%2f/evil.example'],
	['leading encoded slash', '%2F%2Fevil.example'],
	['double-encoded slashes', '/%252F%252Fevil.example'],
	['encoded backslash', '/%5Cevil.example'],
	['encoded backslashes', '/%5C%5Cevil.example'],
	['dot segment to a protocol-relative path', '/.//evil.example'],
	['dot-dot segment to a protocol-relative path', '/..//evil.example'],
	['encoded dot-dot segment', '/%2e%2e//evil.example'],
	['absolute https URL', 'https://evil.example/'],
	['scheme without slashes', 'https:evil.example'],
	['scheme with one slash', 'http:/evil.example'],
	['javascript URL', 'javascript:alert(1)'],
	['javascript URL, mixed case', 'JaVaScRiPt:alert(1)'],
	['data URL', 'data:text/html,<script>alert(1)</script>'],
	['fullwidth solidus lookalike', '/／evil.example'],
	['two fullwidth solidi', '／／evil.example'],
	['division slash lookalike', '/\u2215evil.example'],
	['fraction slash lookalike', '/\u2044evil.example'],
	['ideographic space', '/\u3000/evil.example'],
	['zero-width space', '/\u200b/evil.example'],
	['right-to-left override', '/\u202eelpmaxe.live//'],
	['malformed percent-encoding', '/100%'],
	['relative path', 'evil.example'],
	['empty', ''],
	['far too long', `/${'a'.repeat(3000)}`],
	['not a string', ['/exams']],
	['undefined', undefined],
	['null', null],
]

const KEPT = [
	'/',
	'/exams',
	'/exams/rounds/cm1abc?tab=results',
	'/learn/courses/audit-basics/intro#section-2',
	'/admin/users?page=2&unit=u1',
	'/learn/search?q=%E5%AE%A1%E8%AE%A1%20%2F%2Fnot-a-host',
	'/learn/courses/%E8%B4%A2%E6%94%BF',
]

describe('safeRedirectPath', () => {
	test.each(BYPASSES)('refuses %s', (_name, payload) => {
		expect(safeRedirectPath(payload)).toBe('/')
		expect(safeRedirectPath(payload, '/home')).toBe('/home')
	})

	test.each(KEPT)('keeps the same-site path %s', (path) => {
		expect(safeRedirectPath(path)).toBe(path)
		expect(new URL(safeRedirectPath(path), APP).origin).toBe(APP)
	})

	test('keeps every path the app itself sends to the login page', () => {
		// loginRedirect passes `pathname + search` of the page asked for, percent-encoded by URL.
		for (const asked of ['/learn/courses/财政/第一课?from=首页', '/exams/attempts/a1?x=1 2', '/mistakes?topic=big_data#q3']) {
			const url = new URL(asked, APP)
			const path = `${url.pathname}${url.search}`
			expect(safeRedirectPath(path)).toBe(path)
		}
	})

	test('nothing it keeps resolves off the site, whatever the browser strips', () => {
		for (const [, payload] of BYPASSES) {
			if (typeof payload !== 'string') continue
			const kept = safeRedirectPath(payload)
			// Browsers remove tabs and newlines from URLs before resolving them.
			expect(new URL(kept.replace(/[\t\n\r]/g, ''), APP).origin).toBe(APP)
		}
	})
})
