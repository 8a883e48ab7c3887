// The access table (app/utils/access.ts) is the one place roles are written: the navigation
// shows what it admits, every route guard names one of its areas, an area it lacks is refused,
// and the routes answer as it says (a learner is refused by 题库, 评阅 and 管理; a lecturer
// opens 讲师) when called as the server calls them, with a real session.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { ACCESS, mayEnter, NAV_ENTRIES, navFor, rolesOf, SIGNED_IN, type AccessArea } from '#app/utils/access.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { ROLES } from '#app/utils/roles.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes')

function routeModules(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = path.join(dir, entry)
		if (statSync(full).isDirectory()) return routeModules(full)
		return /\.(tsx?)$/.test(entry) && !/\.test\./.test(entry) && !entry.startsWith('__') ? [full] : []
	})
}

const AREA_CALL = /\brequireAccess\(\s*request\s*,\s*'([^']+)'/g

describe('the access table', () => {
	test('every navigation entry opens an area of the table, shown only to roles the table admits there', () => {
		for (const entry of NAV_ENTRIES) {
			expect(Object.keys(ACCESS), entry.label).toContain(entry.to)
			expect(entry.roles.length, entry.label).toBeGreaterThan(0)
			for (const role of entry.roles) expect(rolesOf(entry.to), `${entry.label} shows to ${role}`).toContain(role)
		}
		// Only 考试 is narrower than its area (the papers are the learners').
		const narrowed = NAV_ENTRIES.filter((entry) => entry.roles.length !== rolesOf(entry.to).length).map((entry) => entry.to)
		expect(narrowed).toEqual(['/exams'])
	})

	test('the navigation follows the table per role', () => {
		expect(navFor(['learner']).map((entry) => entry.to)).toEqual(['/learn', '/exams', '/rankings'])
		expect(navFor(['lecturer']).map((entry) => entry.to)).toEqual(['/learn', '/rankings', '/lecturer', '/bank', '/grading'])
		expect(navFor(['mentor']).map((entry) => entry.to)).toEqual(['/learn', '/rankings', '/mentor'])
		expect(navFor(['admin']).map((entry) => entry.to)).toEqual(['/learn', '/rankings', '/lecturer', '/bank', '/grading', '/admin'])
	})

	test('an area missing from the table admits no one (deny by default)', () => {
		expect(mayEnter([...ROLES], '/secret' as AccessArea)).toBe(false)
		expect(mayEnter([...ROLES], 'toString' as AccessArea)).toBe(false)
		expect(mayEnter(['learner'], '/bank')).toBe(false)
		expect(mayEnter(['learner'], '/learn')).toBe(true)
		expect(mayEnter([], '/learn')).toBe(ACCESS['/learn'] === SIGNED_IN)
		expect(mayEnter(['lecturer'], '/bank/:questionId/key')).toBe(false)
		expect(mayEnter(['lecturer'], '/admin/rounds/:roundId/stats')).toBe(true)
	})

	test('every route module with a loader or action guards it with an area of the table, and every area is used', () => {
		const used = new Set<string>()
		for (const file of routeModules(ROUTES_DIR)) {
			const relative = path.relative(ROUTES_DIR, file)
			const source = readFileSync(file, 'utf8')
			if (!/^export\s+(async\s+)?(function|const)\s+(loader|action)\b/m.test(source)) continue
			const areas = [...source.matchAll(AREA_CALL)].map((match) => match[1]!)
			const otherGuard = /\b(requireAnonymous|allowPublic)\(/.test(source)
			expect(areas.length > 0 || otherGuard, `${relative} has a loader or action but no requireAccess`).toBe(true)
			if (areas.length) expect(source, relative).toMatch(/import \{[^}]*\brequireAccess\b[^}]*\} from '#app\/utils\/auth\.server\.ts'/)
			for (const area of areas) {
				expect(Object.keys(ACCESS), `${relative} guards with '${area}'`).toContain(area)
				used.add(area)
			}
		}
		expect([...used].sort()).toEqual(Object.keys(ACCESS).sort())
	})
})

describe('the routes answer as the table says', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let routes: Record<'bank' | 'grading' | 'admin' | 'lecturer' | 'keyCorrection', Route>
	let learner: { id: string }
	let lecturer: { id: string }

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		// The routes use the app's shared client, built on first import: point it here first.
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, bank, grading, admin, lecturerNew, keyCorrection] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/exams/rounds/test-fixtures.ts'),
			import('#app/routes/bank+/_index.tsx'),
			import('#app/routes/grading+/_index.tsx'),
			import('#app/routes/admin+/_index.tsx'),
			import('#app/routes/lecturer+/courses.new.tsx'),
			import('#app/routes/bank+/$questionId_.key.$versionId.tsx'),
		])
		routes = { bank, grading, admin, lecturer: lecturerNew, keyCorrection } as unknown as typeof routes
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		learner = await fixtures.createPerson(db, { roles: ['learner'], name: '只是学员' })
		lecturer = await fixtures.createPerson(db, { roles: ['lecturer'], name: '讲师甲' })
		await db.user.updateMany({ where: { id: { in: [learner.id, lecturer.id] } }, data: { mustChangePassword: false } })
	}, 120_000)

	const load = async (route: Route, url: string, userId: string | null, params: Record<string, string> = {}) => {
		const headers: Record<string, string> = userId ? { cookie: await cookieOf(userId) } : {}
		return settle(async () => route.loader!({ request: new Request(`http://localhost${url}`, { headers }), params, context: {} }))
	}

	test('a learner is refused by 题库, 评阅 and 管理 with a Chinese 403', async () => {
		for (const [route, url] of [
			[routes.bank, '/bank'],
			[routes.grading, '/grading'],
			[routes.admin, '/admin'],
			[routes.lecturer, '/lecturer/courses/new'],
		] as const) {
			const answer = await load(route, url, learner.id)
			expect(answer.status, url).toBe(403)
			expect(answer.body, url).toContain('需要')
		}
	})

	test('a lecturer opens 讲师 and 评阅, but not 管理 or the key correction', async () => {
		expect((await load(routes.lecturer, '/lecturer/courses/new', lecturer.id)).status).toBe(200)
		expect((await load(routes.grading, '/grading', lecturer.id)).status).toBe(200)
		expect((await load(routes.admin, '/admin', lecturer.id)).status).toBe(403)
		expect((await load(routes.keyCorrection, '/bank/q/key/v', lecturer.id, { questionId: 'q', versionId: 'v' })).status).toBe(403)
	})

	test('someone not signed in is sent to the login page', async () => {
		const answer = await load(routes.bank, '/bank', null)
		expect(answer.status).toBe(302)
		expect(answer.location).toBe('/login?redirectTo=%2Fbank')
	})

	test('requireAccess refuses an area the table lacks, even to an admin', async () => {
		const { requireAccess } = await import('#app/utils/auth.server.ts')
		const admin = await (await import('#app/exams/rounds/test-fixtures.ts')).createPerson(db, { roles: ['admin'] })
		await db.user.update({ where: { id: admin.id }, data: { mustChangePassword: false } })
		const request = new Request('http://localhost/secret', { headers: { cookie: await cookieOf(admin.id) } })
		const answer = await settle(() => requireAccess(request, '/secret' as AccessArea))
		expect(answer.status).toBe(403)
	})
})
