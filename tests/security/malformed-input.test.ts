// Malformed-input fuzz (issue 13 item 4): over a thousand generated bad requests (wrong types,
// missing fields, unknown intents, huge strings, control characters, repeated fields, broken
// JSON, wrong content types, bad percent-encoding, ids that do not exist or are not ids) to
// every action, plus bad ids to every loader with params. They go through the server's own
// body gate (server/request-body.mjs: size limits, and a form route refusing what is not a form)
// over real HTTP, then to the route, as someone the route admits. No answer may be a 5xx, and
// every refusal must say what is wrong in Chinese. The seed is fixed: a failure names its case.
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mayEnter } from '#app/utils/access.ts'
import { settle } from '#tests/route-answer.ts'
import { requestAs, sessionCookieFor, type Body } from '#tests/sign-in.ts'
import { limitRequestBodies } from '../../server/request-body.mjs'
import { BAD_IDS, fuzzCase, seeded, vocabularyOf } from './fuzz.ts'
import { areaOf, ROUTES_DIR, routeFiles, urlOf, type RouteFile } from './routes.ts'
import { fixtureParams, openWorld, type Identity, type World } from './world.ts'

const SEED = 13
const ACTION_CASES = 1_100
const CJK = /[\u4e00-\u9fff]/

/** Someone the route admits, so the input (not the guard) decides the answer; the row's owner where it has one. */
function askerFor(route: RouteFile, world: World): Identity {
	if (route.pattern === '/login') return 'anonymous'
	if (route.pattern.startsWith('/exams') || route.pattern.startsWith('/appeals')) return 'learner'
	if (route.pattern.startsWith('/mentor/')) return 'several'
	const area = areaOf(route.pattern)
	if (!area) return 'admin'
	return (['admin', 'several', 'learner'] as const).find((identity) => mayEnter(world.roles[identity], area)) ?? 'admin'
}

describe('malformed input: no 5xx, every refusal in Chinese', () => {
	let world: World
	let params: Record<string, string>
	let server: ReturnType<ReturnType<typeof express>['listen']>
	let base: string
	const routes = routeFiles()
	const byFile = new Map(routes.map((route) => [route.file, route]))
	/** Each case's params, by case number: kept here, not in a header, so a 5,000-character id fits. */
	const pendingParams = new Map<string, Record<string, string>>()
	let caseNumber = 0

	beforeAll(async () => {
		world = await openWorld()
		params = (await fixtureParams(world)).params
		// The server's body gate, then the route called as Remix calls it (route and params named
		// by the test in headers, since this stand-in has no router).
		const app = express()
		app.use(limitRequestBodies())
		app.all('*', async (req, res) => {
			const route = byFile.get(req.get('x-route-file') ?? '')!
			const routeParams = pendingParams.get(req.get('x-case') ?? '') ?? {}
			const headers = new Headers()
			for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value)
			const body = req.method === 'GET' ? undefined : ((req as unknown as { bufferedBody?: Buffer }).bufferedBody ?? Buffer.alloc(0))
			const request = new Request(`http://localhost${req.originalUrl}`, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined })
			const module = await route.load()
			const handler = req.method === 'GET' ? module.loader : module.action
			try {
				const answer = await settle(() => handler!({ request, params: routeParams, context: { clientIp: '127.0.0.1' } }))
				res.status(answer.status).type('text/plain; charset=utf-8').send(answer.body)
			} catch (error) {
				// What Remix would turn into a 500: reported with its cause, so the test names it.
				res.status(500).type('text/plain').send(`THROWN ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
			}
		})
		server = app.listen(0, '127.0.0.1')
		await new Promise((resolve) => server.once('listening', resolve))
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	}, 180_000)

	afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

	async function send(route: RouteFile, method: 'GET' | 'POST', routeParams: Record<string, string>, body: Body | undefined, identity: Identity) {
		const cookie = identity === 'anonymous' ? null : await sessionCookieFor(world.db, world.people[identity])
		const built = requestAs(cookie, urlOf(route.pattern, routeParams), { method, body: body ?? undefined })
		const url = new URL(built.url)
		const headers = new Headers(built.headers)
		headers.set('x-route-file', route.file)
		const id = String(++caseNumber)
		headers.set('x-case', id)
		pendingParams.set(id, routeParams)
		try {
			const response = await fetch(`${base}${url.pathname}${url.search}`, { method, headers, body: method === 'GET' ? undefined : await built.arrayBuffer(), redirect: 'manual' })
			return { status: response.status, body: await response.text() }
		} finally {
			pendingParams.delete(id)
		}
	}

	test(`${ACTION_CASES} generated bad inputs to every action, and bad ids to every loader`, async () => {
		const random = seeded(SEED)
		const withActions = routes.filter((route) => route.hasAction)
		const perRoute = Math.ceil(ACTION_CASES / withActions.length)
		const failures: string[] = []
		const kinds = new Map<string, number>()
		let sent = 0
		// Every case is generated first, in order, so the seed alone decides them; they are then
		// sent a few at a time (the answers do not depend on one another's order).
		const cases = withActions.flatMap((route) => {
			const vocabulary = vocabularyOf(readFileSync(path.join(ROUTES_DIR, route.file), 'utf8'))
			return Array.from({ length: perRoute }, (_, i) => ({ route, i, identity: askerFor(route, world), input: fuzzCase(random, vocabulary, route.params) }))
		})
		for (let start = 0; start < cases.length; start += 4) {
			await Promise.all(
				cases.slice(start, start + 4).map(async ({ route, i, identity, input }) => {
					const routeParams = { ...Object.fromEntries(route.params.map((name) => [name, params[name]!])), ...input.params }
					const answer = await send(route, 'POST', routeParams, input.body ?? undefined, identity)
					sent++
					kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1)
					const problem = answer.status >= 500 ? 'a 5xx' : answer.status >= 400 && !CJK.test(answer.body) ? 'a refusal without a Chinese message' : null
					if (problem) failures.push(`${problem}: ${identity} POST ${route.pattern} #${i} (${input.kind}) ${JSON.stringify(input).slice(0, 200)} → ${answer.status} ${answer.body.slice(0, 200)}`)
				}),
			)
		}
		for (const route of routes.filter((r) => r.hasLoader && r.params.length && r.pattern !== '/*')) {
			const identity = askerFor(route, world)
			for (const bad of BAD_IDS) {
				const routeParams = Object.fromEntries(route.params.map((name) => [name, bad]))
				const answer = await send(route, 'GET', routeParams, undefined, identity)
				sent++
				if (answer.status >= 500 || (answer.status >= 400 && !CJK.test(answer.body))) failures.push(`${identity} GET ${route.pattern} id ${JSON.stringify(bad.slice(0, 20))} → ${answer.status} ${answer.body.slice(0, 200)}`)
			}
		}
		expect(failures).toEqual([])
		expect(sent).toBeGreaterThanOrEqual(ACTION_CASES)
		// Every kind of bad input was sent, many times.
		expect(kinds.size).toBe(12)
		for (const [kind, count] of kinds) expect(count, kind).toBeGreaterThan(20)
	})
})
