// The lecturer's course and lesson forms called as the server calls them (real session cookie,
// real SQLite): bad input comes back in conform's shape next to its field (ADR 070), a refused
// lesson names its body line, and every success redirects with a toast (post-redirect-get).
import { beforeAll, describe, expect, test } from 'vitest'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'
import type { Db } from '#app/utils/db-client.server.ts'

describe('lecturer forms', () => {
	let db: Db
	let routes: Record<'newCourse' | 'course' | 'newLesson' | 'lesson' | 'history', Route>
	let cookie: string
	const origin = 'http://localhost'

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, newCourse, course, newLesson, lesson, history] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/courses/test-fixtures.ts'),
			import('./courses.new.tsx'),
			import('./courses.$courseId.tsx'),
			import('./courses.$courseId_.lessons.new.tsx'),
			import('./lessons.$lessonId.tsx'),
			import('./lessons.$lessonId_.history.tsx'),
		])
		routes = { newCourse, course, newLesson, lesson, history } as unknown as typeof routes
		const editor = await fixtures.createEditor(db)
		await db.user.update({ where: { id: editor.userId }, data: { mustChangePassword: false } })
		cookie = (await session.commitSessionCookie((await session.createSession(db, editor.userId)).token)).split(';')[0]!
	})

	function post(route: keyof typeof routes, path: string, params: Record<string, string>, form: [string, string][]) {
		const request = new Request(`${origin}${path}`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) })
		return settle(() => routes[route].action!({ request, params, context: {} }))
	}
	const lessonForm = (fields: Partial<Record<'title' | 'estimatedMinutes' | 'body' | 'intent' | 'baseRevision', string>>): [string, string][] =>
		Object.entries({ title: '预算调整', estimatedMinutes: '10', tags: '', summary: '', regulations: '', body: '正文第一段。\n', ...fields })

	test('a course: missing fields at the field, then created, saved and archived with a toast', async () => {
		const empty = await post('newCourse', '/lecturer/courses/new', {}, [['title', ''], ['topic', 'fiscal']])
		expect(empty.status).toBe(400)
		expect(JSON.parse(empty.body)).toMatchObject({ status: 'error', error: { title: ['请填写课程名称'], audiences: ['请至少选择一类受众'] } })
		const made = await post('newCourse', '/lecturer/courses/new', {}, [['title', '专项债审计'], ['topic', 'fiscal'], ['audiences', 'department'], ['audiences', 'soe']])
		expect(made).toMatchObject({ status: 302, toast: true })
		const courseId = made.location!.split('/').at(-1)!
		expect(await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { audiences: true } })).toBeTruthy()
		const here = `/lecturer/courses/${courseId}`

		const badSave = await post('course', here, { courseId }, [['intent', 'save'], ['title', 'x'.repeat(101)], ['topic', 'fiscal'], ['audiences', 'department']])
		expect(badSave.status).toBe(400)
		expect(JSON.parse(badSave.body)).toMatchObject({ status: 'error', form: 'course', error: { title: ['课程名称不能超过 100 个字符'] } })
		const saved = await post('course', here, { courseId }, [['intent', 'save'], ['title', '专项债券审计'], ['topic', 'fiscal'], ['audiences', 'community']])
		expect(saved).toMatchObject({ status: 302, location: here, toast: true })
		expect(await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { title: true } })).toEqual({ title: '专项债券审计' })

		const badStatus = await post('course', here, { courseId }, [['intent', 'status'], ['status', 'deleted']])
		expect(badStatus.status).toBe(400)
		expect(JSON.parse(badStatus.body)).toMatchObject({ status: 'error', form: 'course-status', error: { status: ['未知的课程状态'] } })
		expect(await post('course', here, { courseId }, [['intent', 'status'], ['status', 'archived']])).toMatchObject({ status: 302, location: here, toast: true })
		expect(await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { status: true } })).toEqual({ status: 'archived' })
	})

	test('a lesson: bad fields at the field, a refused body line named, then created, saved, published and restored with a toast', async () => {
		const made = await post('newCourse', '/lecturer/courses/new', {}, [['title', '课时测试课程'], ['topic', 'fiscal'], ['audiences', 'department']])
		const courseId = made.location!.split('/').at(-1)!
		const newPath = `/lecturer/courses/${courseId}/lessons/new`

		const bad = await post('newLesson', newPath, { courseId }, lessonForm({ title: '', estimatedMinutes: '0' }))
		expect(bad.status).toBe(400)
		expect(JSON.parse(bad.body)).toMatchObject({ status: 'error', error: { title: ['请填写课时标题'], estimatedMinutes: ['至少 1 分钟'] } })
		const script = await post('newLesson', newPath, { courseId }, lessonForm({ body: '正文\n\n\n<script>alert(1)</script>\n' }))
		expect(script.status).toBe(400)
		expect(JSON.parse(script.body)).toMatchObject({ status: 'error', line: 4, error: { '': ['正文第4行第1列：不允许使用 <script> 标签'] } })

		const created = await post('newLesson', newPath, { courseId }, lessonForm({}))
		expect(created).toMatchObject({ status: 302, toast: true })
		expect(created.location).toMatch(/^\/lecturer\/lessons\/[^/?]+$/)
		const lessonId = created.location!.split('/').at(-1)!
		const here = `/lecturer/lessons/${lessonId}`

		const unknown = await post('lesson', here, { lessonId }, lessonForm({ intent: 'delete' }))
		expect(unknown.status).toBe(400)
		expect(JSON.parse(unknown.body)).toMatchObject({ status: 'error', error: { intent: ['未知的操作'] } })
		const published = await post('lesson', here, { lessonId }, lessonForm({ intent: 'publish', baseRevision: '1' }))
		expect(published).toMatchObject({ status: 302, location: here, toast: true })
		const draft = await post('lesson', here, { lessonId }, lessonForm({ intent: 'save', body: '第二版正文。\n' }))
		expect(draft).toMatchObject({ status: 302, location: here, toast: true })

		const historyPath = `${here}/history`
		const badVersion = await post('history', historyPath, { lessonId }, [['intent', 'restore'], ['version', 'x']])
		expect(badVersion.status).toBe(400)
		expect(JSON.parse(badVersion.body)).toMatchObject({ status: 'error', form: 'restore-x', error: { version: ['版本号无效'] } })
		// An open draft must be published or discarded first: said above the button.
		const blocked = await post('history', historyPath, { lessonId }, [['intent', 'restore'], ['version', '1']])
		expect(blocked.status).toBe(400)
		expect(JSON.parse(blocked.body)).toMatchObject({ status: 'error', form: 'restore-1', error: { '': [expect.stringContaining('已有未发布的草稿')] } })
		expect(await post('lesson', here, { lessonId }, lessonForm({ intent: 'discard' }))).toMatchObject({ status: 302, location: here, toast: true })
		expect(await post('history', historyPath, { lessonId }, [['intent', 'restore'], ['version', '1']])).toMatchObject({ status: 302, location: here, toast: true })
	})
})
