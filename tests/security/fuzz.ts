// Malformed input, generated from a fixed seed so a failure names an input that comes back on
// the next run. Each case is one request: what it sends, where, and which kind of bad it is.
import type { Body } from '#tests/sign-in.ts'

/** mulberry32: small, fast and the same everywhere. */
export function seeded(seed: number) {
	let state = seed >>> 0
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	return {
		next,
		int: (below: number) => Math.floor(next() * below),
		pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
	}
}
export type Random = ReturnType<typeof seeded>

/** Values no field expects: wrong types, out of range, hostile text, control characters. */
const BAD_VALUES = [
	'',
	' ',
	'null',
	'undefined',
	'true',
	'NaN',
	'-1',
	'0',
	'1e309',
	'-9999999999999999999999',
	'1.5',
	'0x10',
	'[]',
	'{}',
	'{"a":1}',
	'[object Object]',
	"' OR 1=1 --",
	'"; DROP TABLE "User"; --',
	'../../../etc/passwd',
	'%00',
	'\u0000',
	'a\u0000b',
	'\u0007\u0008\u001b[31m',
	'\r\n\r\nX-Injected: 1',
	'\u202e\u202d',
	'\ud800',
	'\uffff\ufffe',
	'😀👍🏽',
	'<script>alert(1)</script>',
	'javascript:alert(1)',
	'2026-02-30',
	'9999-12-31T25:61:00',
	'１２３',
	'admin',
	'learner',
	'role',
]

const CONTROL = '\u0000\u0001\u0002\u0003\u0008\u000b\u000c\u000e\u001f\u007f\u0085\u2028\u2029'

function hugeString(random: Random) {
	const length = random.pick([5_000, 70_000, 120_000])
	const unit = random.pick(['汉', 'a', '\u0000', '😀', '<>'])
	return unit.repeat(Math.ceil(length / unit.length))
}

export type FuzzCase = { kind: string; body: Body | null; contentType?: string; params?: Record<string, string> }

/** Ids no row has, and ones that are not ids at all. */
export const BAD_IDS = ['', 'x', 'nope', '0', '-1', '../admin', '%2e%2e', 'a'.repeat(5_000), "' OR '1'='1", '\u0000', '１２３', '😀', 'cmx00000000000000000000000']

export function fuzzCase(random: Random, vocabulary: string[], paramNames: string[]): FuzzCase {
	const field = () => (random.next() < 0.8 && vocabulary.length ? random.pick(vocabulary) : random.pick(['intent', 'id', 'name', '', '__proto__', 'constructor', 'a[b]', 'x'.repeat(300)]))
	const someFields = (value: () => string) => {
		// No prototype: '__proto__' and 'constructor' are field names here like any other.
		const form = Object.create(null) as Record<string, string[]>
		const count = 1 + random.int(6)
		for (let i = 0; i < count; i++) {
			const name = field()
			form[name] = [...(form[name] ?? []), value()]
		}
		return form
	}
	const kind = random.pick([
		'wrong types',
		'wrong types',
		'missing fields',
		'unknown intent',
		'huge strings',
		'control characters',
		'repeated fields',
		'broken json',
		'json to a form',
		'text/plain',
		'broken multipart',
		'bad percent-encoding',
		'invalid ids',
		'invalid ids',
	] as const)
	switch (kind) {
		case 'wrong types':
			return { kind, body: { form: someFields(() => random.pick(BAD_VALUES)) } }
		case 'missing fields': {
			// A real intent with nothing else, or one known field alone.
			const intents = vocabulary.filter((word) => /^[a-z][a-z-]+$/.test(word))
			return { kind, body: { form: random.next() < 0.5 && intents.length ? { intent: random.pick(intents) } : { [field()]: '1' } } }
		}
		case 'unknown intent':
			return { kind, body: { form: { intent: random.pick(['delete-everything', 'INTENT', 'publish ', 'submit\u0000', 'constructor', '__proto__', '']), ...someFields(() => '1') } } }
		case 'huge strings':
			return { kind, body: { form: someFields(() => hugeString(random)) } }
		case 'control characters':
			return { kind, body: { form: someFields(() => Array.from({ length: 1 + random.int(20) }, () => CONTROL[random.int(CONTROL.length)]).join('') + random.pick(BAD_VALUES)) } }
		case 'repeated fields': {
			const name = field()
			return { kind, body: { form: { [name]: Array.from({ length: 2 + random.int(50) }, () => random.pick(BAD_VALUES)) } } }
		}
		case 'broken json':
			return { kind, body: { raw: random.pick(['{', '{"position":', '[1,2', '{"answer":"\\ud800"}', 'null', '"string"', '12', '{"position":1,"seq":"x","answer":{}}', '{"__proto__":{"admin":true}}', '{"position":1e309,"seq":-1,"answer":null}']), contentType: 'application/json' } }
		case 'json to a form':
			return { kind, body: { json: { intent: random.pick(vocabulary.length ? vocabulary : ['x']), [field()]: random.pick(BAD_VALUES) } } }
		case 'text/plain':
			return { kind, body: { raw: `intent=${random.pick(vocabulary.length ? vocabulary : ['x'])}&${field()}=1`, contentType: 'text/plain' } }
		case 'broken multipart':
			return { kind, body: { raw: `--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx\r\n--b`, contentType: random.pick(['multipart/form-data; boundary=b', 'multipart/form-data', 'multipart/form-data; boundary=']) } }
		case 'bad percent-encoding':
			return { kind, body: { raw: random.pick(['intent=%E4%ZZ', 'a=%', '%%%%=1', 'intent=%C0%AF', `${field()}=%F0%9F`]), contentType: 'application/x-www-form-urlencoded' } }
		case 'invalid ids':
			return {
				kind,
				body: { form: someFields(() => random.pick(BAD_IDS)) },
				params: Object.fromEntries(paramNames.map((name) => [name, random.pick(BAD_IDS)])),
			}
	}
}

/** Field names and intents a route knows: string literals and form field names in its source. */
export function vocabularyOf(source: string) {
	const words = new Set<string>()
	for (const match of source.matchAll(/['"`]([a-zA-Z][a-zA-Z0-9_-]{1,40})['"`]/g)) words.add(match[1]!)
	for (const match of source.matchAll(/\bname=["{]['"]?([a-zA-Z][a-zA-Z0-9_.-]{0,40})/g)) words.add(match[1]!)
	for (const match of source.matchAll(/fields\.([a-zA-Z][a-zA-Z0-9_]*)/g)) words.add(match[1]!)
	return [...words].filter((word) => !/^(use|import|from|react|remix|button|submit|text|div|span|class|flex|post|get|json)$/i.test(word)).sort()
}
