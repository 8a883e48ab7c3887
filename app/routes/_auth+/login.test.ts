// The login action as the server calls it (real SQLite database, real password hashing):
// the redirect after signing in stays on the app, and throttled tries get 429 + Retry-After.
import { beforeAll, describe, expect, test } from 'vitest'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import type * as LoginRoute from './login.tsx'

const ORIGIN = 'http://localhost:3141'
const PASSWORD = 'Secret123'
let login: typeof LoginRoute
let username: string

beforeAll(async () => {
	const { db, url } = await getTestDbWithUrl('sqlite')
	// The route uses the app's shared client: point it at this test's database first.
	process.env.DATABASE_URL = url
	login = await import('./login.tsx')
	const { hashPassword } = await import('#app/utils/password.server.ts')
	const unit = await db.unit.create({ data: { name: '登录测试单位', kind: 'department' } })
	username = `login${Date.now().toString(36)}`
	await db.user.create({
		data: { username, name: '登录测试', unitId: unit.id, mustChangePassword: false, password: { create: { hash: await hashPassword(PASSWORD) } } },
	})
})

let address = 0
async function submit(fields: Record<string, string>, clientIp = `192.0.2.${++address}`) {
	const request = new Request(`${ORIGIN}/login`, { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams(fields) })
	try {
		return await login.action({ request, params: {}, context: { clientIp } })
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

async function signInWith(redirectTo: string) {
	const response = await submit({ username, password: PASSWORD, redirectTo })
	if (!(response instanceof Response)) throw new Error(`expected a redirect, got ${JSON.stringify(response)}`)
	expect(response.status).toBe(302)
	expect(response.headers.get('Set-Cookie')).toContain('hs_session=')
	return response.headers.get('Location')!
}

describe('the redirect after signing in', () => {
	test.each([
		'/\t/evil.example',
		'/%09/evil.example',
		'//evil.example',
		'/\\evil.example',
		'/%2F%2Fevil.example',
		'https:evil.example',
		'javascript:alert(1)',
		'/／evil.example',
		'/.//evil.example',
	])('%j lands on the home page of the app', async (redirectTo) => {
		const location = await signInWith(redirectTo)
		expect(location).toBe('/')
		// As a browser resolves it, tabs and newlines removed first.
		expect(new URL(location.replace(/[\t\n\r]/g, ''), ORIGIN).origin).toBe(ORIGIN)
	})

	test('a page of the app is where the person goes', async () => {
		expect(await signInWith('/exams/rounds/r1?tab=results')).toBe('/exams/rounds/r1?tab=results')
	})
})

describe('throttled sign-in', () => {
	test('answers 429 with Retry-After and a Chinese message naming the wait', async () => {
		const clientIp = '198.51.100.7'
		// conform's reply: the form's own errors sit under the empty key; the password is not echoed.
		type Answer = { data: { error: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; init: { status: number; headers: Record<string, string> } }
		let answer: Answer | undefined
		// Five free failures, then waits of 1 s, 2 s, 4 s …: however slow the machine, a wait is met soon.
		for (let i = 0; i < 15 && answer?.init.status !== 429; i++) answer = (await submit({ username, password: `wrong${i}` }, clientIp)) as unknown as Answer
		const { data, init } = answer!
		expect(init.status).toBe(429)
		expect(Number(init.headers['Retry-After'])).toBeGreaterThanOrEqual(1)
		expect(data.error['']?.[0]).toMatch(/密码错误次数过多，请 \d+ 秒后再试。/)
		expect(JSON.stringify(data)).not.toContain('wrong')
	})
})
