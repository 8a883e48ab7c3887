// The lesson page has two ways in (ADR 036): its route, and the cached lesson-page path that
// server.mjs puts in front of Remix. Both must admit exactly the same people to exactly the same
// lessons, or the cache would serve a page the route refuses. Over every identity (and the
// awkward ones: a temporary password, a revoked session, a forged cookie, a deactivated
// account) × lessons of courses for different audiences, an archived lesson, a lesson of a
// draft course and an unknown one, the cache serves a page exactly when the route answers 200.
import { beforeAll, describe, expect, test } from 'vitest'
import type { Route } from '#tests/route-answer.ts'
import { settle } from '#tests/route-answer.ts'
import { requestAs, sessionCookieFor } from '#tests/sign-in.ts'
import { IDENTITIES, openWorld, type World } from './world.ts'

type Case = { who: string; cookie: string | undefined }

describe('the lesson route and the cached lesson-page path admit alike', () => {
	let world: World
	let route: Route
	let serve: (request: { method: string; path: string; cookie: string | undefined }) => Promise<unknown>
	let renders = 0
	const cases: Case[] = []
	const lessons: { label: string; slug: string; lesson: string }[] = []

	beforeAll(async () => {
		world = await openWorld()
		const db = world.db
		route = (await import('#app/routes/learn+/courses.$slug_.$lesson.tsx')) as unknown as Route
		const { createLessonDocuments } = await import('#app/courses/lesson-document.server.ts')
		const { forgetLessonShells } = await import('#app/courses/lesson-shell.ts')
		// The shared render goes through the route's real loader; only the HTML around it is made up.
		const documents = createLessonDocuments({
			db,
			render: async (request) => {
				renders++
				const answer = await settle(() => route.loader!({ request, params: paramsOf(new URL(request.url).pathname), context: {} }))
				if (answer.status !== 200) return new Response(answer.body, { status: answer.status })
				return new Response(`<!DOCTYPE html><html><head><title>课时</title></head><body>${answer.body.length}</body></html>`, { headers: { 'content-type': 'text/html; charset=utf-8' } })
			},
		})
		serve = documents.serve

		for (const identity of IDENTITIES) {
			cases.push({ who: identity, cookie: identity === 'anonymous' ? undefined : await sessionCookieFor(db, world.people[identity]) })
		}
		const unitId = (await db.user.findUniqueOrThrow({ where: { id: world.people.learner }, select: { unitId: true } })).unitId
		const temporary = await db.user.create({ data: { username: 'lesson-temp', name: '临时密码学员', unitId, mustChangePassword: true, roles: { create: [{ role: 'learner' }] } } })
		cases.push({ who: 'temporary password', cookie: await sessionCookieFor(db, temporary.id) })
		const leaver = await db.user.create({ data: { username: 'lesson-leaver', name: '已停用学员', unitId, mustChangePassword: false, roles: { create: [{ role: 'learner' }] } } })
		const leaverCookie = await sessionCookieFor(db, leaver.id)
		await db.user.update({ where: { id: leaver.id }, data: { active: false } })
		cases.push({ who: 'deactivated', cookie: leaverCookie })
		const revoked = await sessionCookieFor(db, world.people.learner)
		const { invalidateAllSessions } = await import('#app/utils/session.server.ts')
		const signedOut = await db.user.create({ data: { username: 'lesson-out', name: '已退出学员', unitId, mustChangePassword: false, roles: { create: [{ role: 'learner' }] } } })
		const signedOutCookie = await sessionCookieFor(db, signedOut.id)
		await invalidateAllSessions(db, signedOut.id)
		cases.push({ who: 'signed out everywhere', cookie: signedOutCookie })
		cases.push({ who: 'forged cookie', cookie: `${revoked.split('=')[0]}=forged.value` })

		// Published lessons of courses meant for different audiences, then the ones nobody may open.
		const published = await db.lesson.findMany({
			where: { archivedAt: null, publishedVersionId: { not: null }, course: { status: 'published' } },
			select: { id: true, slug: true, course: { select: { id: true, slug: true, audiences: { select: { audience: true } } } } },
			orderBy: { slug: 'asc' },
		})
		const byAudience = new Map<string, (typeof published)[number]>()
		for (const lesson of published) byAudience.set(lesson.course.audiences.map((a) => a.audience).sort().join(',') || '(none)', lesson)
		for (const [audiences, lesson] of byAudience) lessons.push({ label: `audiences ${audiences}`, slug: lesson.course.slug, lesson: lesson.slug })
		expect(lessons.length).toBeGreaterThanOrEqual(2)
		const [archived, ofDraft] = published.filter((lesson) => !lessons.some((l) => l.lesson === lesson.slug && l.slug === lesson.course.slug)).concat(published).slice(0, 2)
		await db.lesson.update({ where: { id: archived!.id }, data: { archivedAt: new Date() } })
		lessons.push({ label: 'archived', slug: archived!.course.slug, lesson: archived!.slug })
		if (ofDraft!.course.id !== archived!.course.id) {
			await db.course.update({ where: { id: ofDraft!.course.id }, data: { status: 'draft' } })
			lessons.push({ label: 'draft course', slug: ofDraft!.course.slug, lesson: ofDraft!.slug })
		}
		lessons.push({ label: 'unknown', slug: archived!.course.slug, lesson: 'no-such-lesson' })
		forgetLessonShells(db)
	}, 180_000)

	const paramsOf = (path: string) => {
		const [, , , slug, lesson] = path.split('/')
		return { slug: slug!, lesson: lesson! }
	}

	test('the cache serves exactly when the route answers 200, for every person and lesson', async () => {
		const table: string[] = []
		let served = 0
		for (const lesson of lessons) {
			const path = `/learn/courses/${lesson.slug}/${lesson.lesson}`
			for (const { who, cookie } of cases) {
				const routeAnswer = await settle(() => route.loader!({ request: requestAs(cookie ?? null, path), params: paramsOf(path), context: {} }))
				const page = await serve({ method: 'GET', path, cookie })
				if (page) served++
				table.push(`${lesson.label} · ${who}: route ${routeAnswer.status}, cache ${page ? 'serves' : 'passes on'}`)
				if ((routeAnswer.status === 200) !== (page !== null)) throw new Error(`the two paths disagree:\n${table.at(-1)}\n\n${table.join('\n')}`)
			}
		}
		// Both outcomes happen: admitted people are served from the cache, the rest go to the route.
		expect(served).toBeGreaterThan(0)
		expect(served).toBeLessThan(lessons.length * cases.length)
		expect(renders).toBeGreaterThan(0)
	})

	test('both paths name the same guard: the route guards with LESSON_PAGE_AREA, the cache asks mayOpenLessonPage', async () => {
		const { readFileSync } = await import('node:fs')
		const routeSource = readFileSync(new URL('../../app/routes/learn+/courses.$slug_.$lesson.tsx', import.meta.url), 'utf8')
		const cacheSource = readFileSync(new URL('../../app/courses/lesson-document.server.ts', import.meta.url), 'utf8')
		expect(routeSource.match(/requireAccess\(request, ([^)]+)\)/g)).toEqual(['requireAccess(request, LESSON_PAGE_AREA)', 'requireAccess(request, LESSON_PAGE_AREA)'])
		expect(cacheSource).toMatch(/!mayOpenLessonPage\(session\.user\)\) return null/)
	})
})
