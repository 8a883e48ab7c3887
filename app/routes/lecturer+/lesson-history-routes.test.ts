// The history page's loader called as the server calls it (real session cookie, real SQLite):
// the version comparison comes only to someone who may open the lesson in the editor, and a bad
// choice of versions is a Chinese message on the page, never an error.
import { beforeAll, describe, expect, test } from 'vitest'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'
import type { Db } from '#app/utils/db-client.server.ts'

describe('lesson history and version diff', () => {
	let db: Db
	let history: Route
	let cookies: Record<'author' | 'other', string>
	let lessonId: string
	const origin = 'http://localhost'

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, courses, versions, check, route] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/courses/test-fixtures.ts'),
			import('#app/courses/courses.server.ts'),
			import('#app/courses/lesson-versions.ts'),
			import('#app/courses/mdx/check-lesson.server.ts'),
			import('./lessons.$lessonId_.history.tsx'),
		])
		history = route as unknown as Route
		const author = await fixtures.createEditor(db)
		const other = await fixtures.createEditor(db)
		const cookieOf = async (userId: string) => {
			await db.user.update({ where: { id: userId }, data: { mustChangePassword: false } })
			return (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		}
		cookies = { author: await cookieOf(author.userId), other: await cookieOf(other.userId) }
		const course = await courses.createCourse(db, author, { title: '内部控制审计', summary: '', topic: 'general', audiences: ['department'] })
		// Written as the editor writes versions, but checked here without a lesson worker, whose
		// first start can outlast its time limit on a busy machine: the loader is under test.
		const sources = [fixtures.lessonSource({ title: '控制环境', body: '第一段。\n\n第二段。' }), fixtures.lessonSource({ title: '控制环境', body: '第一段。\n\n第二段（修订）。\n\n第三段。' })]
		lessonId = await db.$transaction(async (tx) => {
			const lesson = await tx.lesson.create({ data: { courseId: course.id, slug: `l-${crypto.randomUUID()}`, position: 1 }, select: { id: true } })
			for (const [index, source] of sources.entries()) {
				const checked = check.checkLessonSourceSync(source)
				if (!checked.ok) throw new Error(checked.issue.message)
				const published = index === 0 ? new Date() : null
				const version = await versions.createVersion(tx, { lessonId: lesson.id, checked: checked.lesson, userId: author.userId, publishedAt: published })
				if (published) await tx.lesson.update({ where: { id: lesson.id }, data: { publishedVersionId: version.id } })
			}
			return lesson.id
		})
	})

	function get(who: keyof typeof cookies, query = '') {
		const request = new Request(`${origin}/lecturer/lessons/${lessonId}/history${query}`, { headers: { cookie: cookies[who] } })
		return settle(() => history.loader!({ request, params: { lessonId }, context: {} }))
	}

	// `version=0` names no version, so the page renders none: what is under test is the comparison,
	// not the compiler (whose worker's first start can outlast its limit on a busy machine).
	test('the author sees the draft beside the published version, line by line', async () => {
		const answer = await get('author', '?version=0')
		expect(answer.status).toBe(200)
		const { comparison } = JSON.parse(answer.body)
		expect(comparison).toMatchObject({ from: 1, to: 2, problem: null, diff: { added: 2, removed: 0, changed: 1 } })
		expect(comparison.diff.rows).toContainEqual(expect.objectContaining({ kind: 'changed', left: expect.objectContaining({ text: '第二段。' }), right: expect.objectContaining({ text: '第二段（修订）。' }) }))
		const full = JSON.parse((await get('author', '?version=0&full=1&from=2&to=1')).body).comparison
		expect(full.diff.rows.map((row: { kind: string }) => row.kind)).not.toContain('skipped')
		expect(full.diff).toMatchObject({ added: 0, removed: 2, changed: 1 })
	})

	test('a lecturer who may not edit the lesson is refused, whatever versions are asked for', async () => {
		for (const query of ['', '?from=1&to=2', '?version=1']) {
			const answer = await get('other', query)
			expect(answer.status, query).toBe(404)
			expect(answer.body).not.toContain('第二段')
		}
	})

	test('a bad choice of versions is said on the page in Chinese', async () => {
		const answer = await get('author', '?version=0&from=abc&to=2')
		expect(answer.status).toBe(200)
		expect(JSON.parse(answer.body).comparison).toMatchObject({ problem: '旧版本：版本号无效', diff: null })
		expect(JSON.parse((await get('author', '?version=0&from=2&to=2')).body).comparison).toMatchObject({ problem: '请选择两个不同的版本' })
	})
})
