// Authorization from the declared table (issue 13 item 4): every route file under app/routes,
// found on disk so a new route cannot be missed, is called as the server calls it (real session
// cookie, real SQLite holding the demo data) by every identity, for GET (its loader) and POST
// (its action). The expected answer is derived, not listed: the access table says who may enter
// the route's area; inside it, the route's ownership rule (written below, once per route that
// has one) says whose rows they may see. Signed out → the login page; outside the area → a
// Chinese 403; an owner → 200; a non-owner → the rule's 403/404. A route whose admitted answer
// is not the plain 200/400 says why in ADMITTED_ANSWERS.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { ACCESS, mayEnter, type AccessArea } from '#app/utils/access.ts'
import { settle, type Route } from '#tests/route-answer.ts'
import { requestAs, sessionCookieFor, type Body } from '#tests/sign-in.ts'
import { areaOf, ROUTES_DIR, routeFiles, urlOf, type RouteFile } from './routes.ts'
import { fixtureParams, IDENTITIES, openWorld, type Identity, type World } from './world.ts'

type Method = 'GET' | 'POST'
type Fixture = Awaited<ReturnType<typeof fixtureParams>>
type Expected = { status: number; location?: string | RegExp; body?: RegExp }

/** Routes anyone may call, on purpose: their answers do not depend on the table. */
const PUBLIC: Record<string, (identity: Identity, method: Method) => Expected> = {
	// Signed-in people are sent home; a POST without fields is refused in Chinese.
	'/login': (identity, method) => (identity === 'anonymous' ? { status: method === 'GET' ? 200 : 400 } : { status: 302, location: '/' }),
	// A GET only bounces home; a POST ends whatever session there is.
	'/logout': (_, method) => (method === 'GET' ? { status: 302, location: '/' } : { status: 302, location: '/login' }),
	'/*': () => ({ status: 404, body: /页面不存在|找不到/ }),
}

/**
 * Ownership inside an area: whose row the fixture is (tests/security/world.ts) and what anyone
 * else admitted to the area gets. Identities not named are refused with `other`.
 */
const OWNERSHIP: Record<string, { owners: Identity[]; other: Expected; otherPost?: Expected; rule: string }> = {
	'/exams/attempts/:attemptId': { owners: ['learner'], other: { status: 404 }, rule: 'a paper is its candidate’s alone' },
	'/exams/attempts/:attemptId/answers': { owners: ['learner'], other: { status: 404 }, rule: 'a paper is its candidate’s alone' },
	'/exams/attempts/:attemptId/result': { owners: ['learner'], other: { status: 404 }, rule: 'a result is its candidate’s alone' },
	'/appeals/new/:attemptId': { owners: ['learner'], other: { status: 404 }, rule: 'only the candidate appeals their own paper' },
	// The open round is for the demo learners; eligibility is the round's rule.
	'/exams/rounds/:roundId': { owners: ['learner'], other: { status: 404 }, otherPost: { status: 409, body: /[\u4e00-\u9fff]/ }, rule: 'a round shows only to those eligible for it' },
	'/mentor/apprentices/:apprenticeId': { owners: ['several', 'admin'], other: { status: 403, body: /不是该学员的导师/ }, rule: 'a mentor sees only their own apprentices; an admin all' },
	'/mentor/pairings/:pairingId/sign-off': { owners: ['several'], other: { status: 403 }, rule: 'only the pairing’s mentor signs off' },
	'/mentorship/:pairingId/report': { owners: ['several', 'learner', 'admin'], other: { status: 403 }, rule: 'the pairing’s mentor, its apprentice, or an admin' },
	// Members drill down only into their own unit and only where the season allows it (the demo season does not).
	'/rankings/:snapshotId/units/:unitId': { owners: ['admin'], other: { status: 403 }, rule: 'an admin any unit; members their own, where the season allows' },
}

/**
 * A POST that the route would carry out, for routes whose rule is about whose row it is: an
 * empty form is refused as invalid before any row is read, so it would prove nothing about
 * ownership. With these, a non-owner gets the rule's refusal and the owner what the row allows.
 */
const OWNED_POSTS: Record<string, { body: Body | ((fixture: Fixture) => Body); owner: Expected }> = {
	// The fixture paper is submitted: saving into it is refused as closed, in Chinese.
	'/exams/attempts/:attemptId/answers': { body: { json: { position: 1, seq: 1_000_000, answer: '甲' } }, owner: { status: 200, body: /"status":"closed".*"message":"[^"]*[\u4e00-\u9fff]/ } },
	'/exams/attempts/:attemptId': { body: { form: { intent: 'submit' } }, owner: { status: 302, location: /\/result$/ } },
	'/appeals/new/:attemptId': { body: (fixture) => ({ form: { position: String(fixture.unappealedPosition), reason: '第一题的参考答案与教材第三章的表述不一致，请复核评分。' } }), owner: { status: 302, location: '/appeals' } },
	'/exams/rounds/:roundId': { body: { form: { intent: 'start' } }, owner: { status: 302, location: /^\/exams\/attempts\/[^/]+$/ } },
}

/** Admitted answers other than GET 200 / POST 400 (a POST without fields is invalid), and why. */
const ADMITTED_ANSWERS: Record<string, Partial<Record<Method, Expected>>> = {
	'/': { GET: { status: 302 } }, // home sends each person to their first page
	'/admin/import/template': { GET: { status: 404 } }, // which template: ?kind= is required
	'/admin/import/run': { GET: { status: 302, location: '/admin/import' } }, // the run page is only posted to
	'/bank/import/run': { GET: { status: 302, location: '/bank/import' } },
	'/admin/users/export': { GET: { status: 302, location: '/admin/users' }, POST: { status: 200 } }, // the export is a POST answered with the file
	'/admin/mentorship/export': { GET: { status: 302, location: '/admin/mentorship' }, POST: { status: 200 } },
	'/bank/export': { GET: { status: 302, location: '/bank' }, POST: { status: 200 } },
	'/admin/rounds/:roundId/preview': { GET: { status: 302, location: /\?seed=[0-9a-f]+$/ } }, // a preview is drawn with a seed in its URL
	'/lecturer/preview': { GET: { status: 405 }, POST: { status: 200 } }, // the preview renders what is posted, nothing when empty
	'/exams/attempts/:attemptId': { GET: { status: 302, location: /\/result$/ } }, // the fixture paper is submitted: its result
	'/lecturer/courses/:courseId/lessons/new': { GET: { status: 404 }, POST: { status: 400 } }, // git-kept courses take lessons in git only
	'/lecturer/lesson-images': { GET: { status: 405 } }, // the editor's image upload is only posted to (ADR 016)
	'/lesson-images/:name': { GET: { status: 404 }, POST: { status: 405 } }, // the fixture name is no stored image; images are only read
	// The demo's papers are all graded: a graded item is out of grading's scope (its own tests grade).
	'/grading/items/:attemptQuestionId': { GET: { status: 404 }, POST: { status: 404 } },
}

function expectedFor(route: RouteFile, url: string, identity: Identity, roles: World['roles'], method: Method): Expected {
	const publicRule = PUBLIC[route.pattern]
	if (publicRule) return publicRule(identity, method)
	const area = areaOf(route.pattern)
	if (!area) throw new Error(`${route.file}: no area of the access table covers ${route.pattern}`)
	if (identity === 'anonymous') return { status: 302, location: url === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(url)}` }
	if (!mayEnter(roles[identity], area)) return { status: 403, body: /需要.+身份|不对任何身份开放/ }
	const ownership = OWNERSHIP[route.pattern]
	if (ownership && !ownership.owners.includes(identity)) return (method === 'POST' && ownership.otherPost) || ownership.other
	if (method === 'POST' && OWNED_POSTS[route.pattern]) return OWNED_POSTS[route.pattern]!.owner
	return ADMITTED_ANSWERS[route.pattern]?.[method] ?? { status: method === 'GET' ? 200 : 400 }
}

describe('authorization: every route × every identity, from the access table', () => {
	const routes = routeFiles()
	let world: World
	let fixture: Fixture
	let params: Record<string, string>
	let openRoundId: string

	beforeAll(async () => {
		world = await openWorld()
		fixture = await fixtureParams(world)
		;({ params, openRoundId } = fixture)
	}, 180_000)

	test('the walk finds every route module, and each has an area of the table or is public on purpose', () => {
		expect(routes.length).toBeGreaterThan(70)
		for (const route of routes) {
			expect(route.hasLoader || route.hasAction, route.file).toBe(true)
			expect(PUBLIC[route.pattern] !== undefined || areaOf(route.pattern) !== undefined, route.file).toBe(true)
		}
		// Every exception above names a route that exists, so a renamed route cannot keep a stale one.
		const patterns = new Set(routes.map((route) => route.pattern))
		for (const pattern of [...Object.keys(PUBLIC), ...Object.keys(OWNERSHIP), ...Object.keys(OWNED_POSTS), ...Object.keys(ADMITTED_ANSWERS)]) expect(patterns, pattern).toContain(pattern)
		// Every area of the table guards at least one route.
		const covered = new Set(routes.map((route) => areaOf(route.pattern)))
		for (const area of Object.keys(ACCESS) as AccessArea[]) expect(covered, area).toContain(area)
	})

	const bodyFor = (pattern: string): Body => {
		const body = OWNED_POSTS[pattern]?.body ?? { form: {} }
		return typeof body === 'function' ? body(fixture) : body
	}

	for (const route of routes) {
		test(`${route.file}`, async () => {
			const module: Route = await route.load()
			const routeParams = Object.fromEntries(route.params.map((name) => [name, name === 'roundId' && route.pattern === '/exams/rounds/:roundId' ? openRoundId : params[name]!]))
			const url = urlOf(route.pattern, routeParams)
			const failures: string[] = []
			for (const identity of IDENTITIES) {
				for (const method of ['GET', 'POST'] as const) {
					const handler = method === 'GET' ? module.loader : module.action
					// Remix answers 405 itself for a POST to a route without an action; nothing to call.
					if (!handler) continue
					// A fresh session per call: some actions (sign out, a new password) end the one they ran under.
					const cookie = identity === 'anonymous' ? null : await sessionCookieFor(world.db, world.people[identity])
					const request = requestAs(cookie, url, method === 'GET' ? {} : { method, body: bodyFor(route.pattern) })
					const answer = await settle(() => handler({ request, params: routeParams, context: { clientIp: '127.0.0.1' } }))
					const expected = expectedFor(route, url, identity, world.roles, method)
					const problems = [
						answer.status !== expected.status && `status ${answer.status} (expected ${expected.status}): ${answer.body.slice(0, 160)}`,
						expected.location !== undefined &&
							!(typeof expected.location === 'string' ? answer.location === expected.location : expected.location.test(answer.location ?? '')) &&
							`location ${answer.location} (expected ${expected.location})`,
						expected.body && !expected.body.test(answer.body) && `body ${answer.body.slice(0, 120)} (expected ${expected.body})`,
						// Every refusal tells the person why, in Chinese.
						answer.status >= 400 && answer.status !== 405 && !/[\u4e00-\u9fff]/.test(answer.body) && `refusal without a Chinese message: ${answer.body.slice(0, 120)}`,
					].filter(Boolean)
					if (problems.length) failures.push(`${identity} ${method} ${url}: ${problems.join('; ')}`)
				}
			}
			expect(failures).toEqual([])
		})
	}

	test('someone holding a temporary password is sent to change it first, everywhere but there', async () => {
		const unitId = (await world.db.unit.findFirstOrThrow({ select: { id: true } })).id
		const person = await world.db.user.create({ data: { username: 'temporary', name: '临时密码人员', unitId, mustChangePassword: true, roles: { create: [{ role: 'admin' }] } } })
		const cookie = await sessionCookieFor(world.db, person.id)
		const failures: string[] = []
		for (const route of routes) {
			if (PUBLIC[route.pattern] || !route.hasLoader) continue
			const routeParams = Object.fromEntries(route.params.map((name) => [name, params[name]!]))
			const url = urlOf(route.pattern, routeParams)
			const module = await route.load()
			const answer = await settle(() => module.loader!({ request: requestAs(cookie, url), params: routeParams, context: {} }))
			const expected = route.pattern === '/settings/password' ? { status: 200, location: null } : { status: 302, location: '/settings/password' }
			if (answer.status !== expected.status || answer.location !== expected.location) failures.push(`${url}: ${answer.status} ${answer.location}`)
		}
		expect(failures).toEqual([])
	})

	test('requireAccess refuses an area the table lacks, even to an admin', async () => {
		const { requireAccess } = await import('#app/utils/auth.server.ts')
		const request = requestAs(await sessionCookieFor(world.db, world.people.admin), '/secret')
		const answer = await settle(() => requireAccess(request, '/secret' as AccessArea))
		expect(answer.status).toBe(403)
		expect(answer.body).toContain('此页面不对任何身份开放')
	})

	test('routes name no roles: requireRole and requireUser stay behind requireAccess', () => {
		for (const route of routes) {
			const source = readFileSync(path.join(ROUTES_DIR, route.file), 'utf8')
			expect(/\b(requireRole|requireUser)\s*\(/.test(source), `${route.file}: call requireAccess(request, '<area>') instead`).toBe(false)
		}
	})
})
