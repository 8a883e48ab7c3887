// Sessions and sign-in throttling where the person meets them: the real login and logout
// actions and a guarded loader, called as the server calls them with real Request objects, on
// SQLite and on PostgreSQL (sessions.sqlite.test.ts, sessions.postgresql.test.ts). The
// domain-level tests beside the code (app/utils/auth.server.test.ts, login-throttle.server.test.ts)
// keep their detail.
import { beforeAll, describe, expect, test, vi } from 'vitest'
import type { Db, DbProvider } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'
import { requestAs, sessionCookieFor } from '#tests/sign-in.ts'

const PASSWORD = 'Secret-2026-abc'

let db: Db
let login: Route
let logout: Route
let guarded: Route
let THROTTLE_PAIR_FREE: number

async function person(roles: string[] = ['learner']) {
	const { createLoginPerson } = await import('#app/exams/rounds/test-fixtures.ts')
	return createLoginPerson(db, { roles, password: PASSWORD })
}

/** The cookie's `name=value` from a Set-Cookie header. */
const cookiePair = (setCookie: string | null) => setCookie?.split(';')[0] ?? ''

async function signInThroughForm(username: string, { cookie, clientIp = '198.51.100.7', password = PASSWORD }: { cookie?: string; clientIp?: string; password?: string } = {}) {
	const request = requestAs(cookie ?? null, '/login', { method: 'POST', body: { form: { username, password, redirectTo: '/learn' } } })
	try {
		const answer = await login.action!({ request, params: {}, context: { clientIp } })
		// A refusal is returned as data() with its status (400 wrong password, 429 wait).
		const status = (answer as { init?: { status?: number } } | null)?.init?.status ?? 200
		return { status, setCookie: null as string | null, answer }
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, setCookie: thrown.headers.get('set-cookie'), answer: thrown }
		const init = (thrown as { init?: { status?: number } }).init
		if (init?.status) return { status: init.status, setCookie: null, answer: thrown }
		throw thrown
	}
}

const openPage = (cookie: string | null) => settle(() => guarded.loader!({ request: requestAs(cookie, '/learn'), params: {}, context: {} }))

export function sessionSuite(provider: DbProvider) {
beforeAll(async () => {
	const opened = await getTestDbWithUrl(provider)
	db = opened.db
	// The routes use the app's shared client, built on first import: point it here first.
	process.env.DATABASE_URL = opened.url
	login = (await import('#app/routes/_auth+/login.tsx')) as unknown as Route
	logout = (await import('#app/routes/_auth+/logout.tsx')) as unknown as Route
	guarded = (await import('#app/routes/learn+/_index.tsx')) as unknown as Route
	THROTTLE_PAIR_FREE = (await import('#app/utils/login-throttle.server.ts')).THROTTLE_RULES.pair.freeFailures
}, 120_000)

describe(`sessions [${provider}]`, () => {
	test('fixation: signing in issues a new token; a token planted before sign-in never becomes a session', async () => {
		const someone = await person()
		const { sessionCookie, sessionIdFromToken } = await import('#app/utils/session.server.ts')
		const planted = 'plantedtokenbyattacker0000000000'
		const plantedCookie = cookiePair(await sessionCookie.serialize(planted))
		const signedIn = await signInThroughForm(someone.username, { cookie: plantedCookie })
		expect(signedIn.status).toBe(302)
		const issued = cookiePair(signedIn.setCookie)
		expect(issued).toMatch(/^hs_session=/)
		expect(issued).not.toBe(plantedCookie)
		expect(await db.session.count({ where: { id: sessionIdFromToken(planted) } })).toBe(0)
		expect((await openPage(plantedCookie)).status).toBe(302)
		expect((await openPage(issued)).status).toBe(200)
		// Two sign-ins are two different sessions, never one reused.
		const again = cookiePair((await signInThroughForm(someone.username)).setCookie)
		expect(again).not.toBe(issued)
	})

	test('a signed-in person who posts to the login form stays who they are: the form signs no one in over a live session', async () => {
		const [victim, attacker] = [await person(), await person()]
		const attackerCookie = await sessionCookieFor(db, attacker.id)
		const answer = await signInThroughForm(victim.username, { cookie: attackerCookie })
		expect(answer).toMatchObject({ status: 302, setCookie: null })
		expect(await db.session.count({ where: { userId: victim.id } })).toBe(0)
	})

	test('revocation: signing out ends that session on the server; the old cookie opens nothing', async () => {
		const someone = await person()
		const cookie = cookiePair((await signInThroughForm(someone.username)).setCookie)
		const other = cookiePair((await signInThroughForm(someone.username)).setCookie)
		expect((await openPage(cookie)).status).toBe(200)
		const out = await settle(() => logout.action!({ request: requestAs(cookie, '/logout', { method: 'POST', body: { form: {} } }), params: {}, context: {} }))
		expect(out).toMatchObject({ status: 302, location: '/login' })
		expect((await openPage(cookie)).location).toBe('/login?redirectTo=%2Flearn')
		// Replaying the cookie after sign-out (copied before) does not bring the session back.
		expect((await openPage(cookie)).status).toBe(302)
		// The person's other device stays signed in.
		expect((await openPage(other)).status).toBe(200)
	})

	test('sign out everywhere ends every session of that person and nobody else’s', async () => {
		const [someone, bystander] = [await person(), await person()]
		const devices = [await sessionCookieFor(db, someone.id), await sessionCookieFor(db, someone.id), await sessionCookieFor(db, someone.id)]
		const bystanderCookie = await sessionCookieFor(db, bystander.id)
		const out = await settle(() => logout.action!({ request: requestAs(devices[0]!, '/logout', { method: 'POST', body: { form: { scope: 'everywhere' } } }), params: {}, context: {} }))
		expect(out).toMatchObject({ status: 302, location: '/login' })
		for (const device of devices) expect((await openPage(device)).status).toBe(302)
		expect(await db.session.count({ where: { userId: someone.id } })).toBe(0)
		expect((await openPage(bystanderCookie)).status).toBe(200)
	})

	test('a deactivated account loses access at its next request, whatever cookie it holds', async () => {
		const someone = await person()
		const cookie = await sessionCookieFor(db, someone.id)
		expect((await openPage(cookie)).status).toBe(200)
		await db.user.update({ where: { id: someone.id }, data: { active: false } })
		expect((await openPage(cookie)).status).toBe(302)
	})

	test('a tampered or foreign-signed cookie is refused', async () => {
		const someone = await person()
		const cookie = await sessionCookieFor(db, someone.id)
		const [name, value] = cookie.split('=')
		const flipped = `${name}=${value!.slice(0, -3)}${value!.endsWith('AAA') ? 'BBB' : 'AAA'}`
		expect((await openPage(flipped)).status).toBe(302)
		const { createCookie } = await import('@remix-run/node')
		const foreign = createCookie('hs_session', { secrets: ['someone-elses-secret-0123456789abcdef'] })
		const token = value!
		expect((await openPage(cookiePair(await foreign.serialize(token)))).status).toBe(302)
	})

	test('cookie flags: HttpOnly, SameSite=Lax, Path=/, a Max-Age; Secure in production', async () => {
		const someone = await person()
		const setCookie = (await signInThroughForm(someone.username)).setCookie!
		expect(setCookie).toMatch(/; HttpOnly/i)
		expect(setCookie).toMatch(/; SameSite=Lax/i)
		expect(setCookie).toMatch(/; Path=\//)
		expect(setCookie).toMatch(/; Max-Age=\d+/)
		expect(setCookie).not.toMatch(/; Secure/i)
		// Signing out clears the cookie with the same flags.
		const cleared = (await settle(() => logout.action!({ request: requestAs(cookiePair(setCookie), '/logout', { method: 'POST', body: { form: {} } }), params: {}, context: {} }))) as unknown
		expect(cleared).toMatchObject({ status: 302 })

		// A production server (its own module graph, as a fresh process would load it).
		vi.resetModules()
		const saved = { NODE_ENV: process.env.NODE_ENV, SESSION_SECRET: process.env.SESSION_SECRET, AUDIT_LOG_SECRET: process.env.AUDIT_LOG_SECRET }
		Object.assign(process.env, { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-forty-characters-0', AUDIT_LOG_SECRET: 'another-production-secret-of-forty-chars-1' })
		try {
			const production = await import('#app/utils/session.server.ts')
			const toast = await import('#app/utils/toast.server.ts')
			const sessionHeader = await production.commitSessionCookie('sometoken')
			expect(sessionHeader).toMatch(/; Secure/i)
			expect(sessionHeader).toMatch(/; HttpOnly/i)
			expect(sessionHeader).toMatch(/; SameSite=Lax/i)
			const toastResponse = await toast.redirectWithToast('/', { title: '已保存' })
			const toastHeader = toastResponse.headers.get('set-cookie')!
			expect(toastHeader).toMatch(/^hs_toast=/)
			expect(toastHeader).toMatch(/; Secure/i)
			expect(toastHeader).toMatch(/; HttpOnly/i)
			expect(toastHeader).toMatch(/; SameSite=Lax/i)
		} finally {
			for (const [key, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[key]
				else process.env[key] = value
			}
			vi.resetModules()
		}
	})
})

describe(`sign-in throttling under concurrency [${provider}]`, () => {
	test('40 wrong passwords at once from one address: no more than the free tries are checked, the rest are told to wait (429, Retry-After, Chinese)', async () => {
		const someone = await person()
		const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signInThroughForm(someone.username, { password: `wrong-${i}`, clientIp: '203.0.113.9' })))
		const checked = answers.filter((answer) => answer.status === 400)
		const waited = answers.filter((answer) => answer.status === 429)
		expect(checked.length).toBeLessThanOrEqual(THROTTLE_PAIR_FREE)
		expect(checked.length + waited.length).toBe(40)
		for (const answer of waited) {
			expect(JSON.stringify(answer.answer)).toMatch(/请 .+后再试/)
			expect(Number((answer.answer as { init: { headers: Record<string, string> } }).init.headers['Retry-After'])).toBeGreaterThan(0)
		}
		// Only the checked tries were recorded as failures: the throttle counted before checking (ADR 007).
		expect(await db.loginAttempt.count({ where: { username: someone.username } })).toBeLessThanOrEqual(THROTTLE_PAIR_FREE)
		expect(await db.session.count({ where: { userId: someone.id } })).toBe(0)
	})
})
}
