import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { createCourse, getCourseForEditor, listCoursesForEditor, setCourseStatus, updateCourse } from './courses.server.ts'
import { getLessonForLearner } from './learner.ts'
import { createLesson, discardLessonDraft, getLessonForEditor, previewLesson, publishLessonDraft, restoreLessonVersion, saveLessonDraft } from './lessons.ts'
import { syncGitContent } from './git-sync.server.ts'
import { LessonBundleCache } from './mdx/bundle-cache.server.ts'
import { CHECK_BODY, createEditor, createPerson, lessonSource } from './test-fixtures.ts'

describeEachProvider('lesson versions', (getDb) => {
	const cache = new LessonBundleCache()
	let author: Awaited<ReturnType<typeof createEditor>>
	let otherLecturer: Awaited<ReturnType<typeof createEditor>>
	let admin: Awaited<ReturnType<typeof createEditor>>
	let learner: { id: string }
	let course: { id: string; slug: string }
	let lessonId: string

	beforeAll(async () => {
		const db = await getDb()
		await syncGitContent(db)
		author = await createEditor(db)
		otherLecturer = await createEditor(db)
		admin = await createEditor(db, { admin: true })
		learner = await createPerson(db)
		course = await createCourse(db, author, { title: '预算绩效管理', summary: '绩效目标与评价', topic: 'fiscal', audiences: ['department', 'subdistrict'] })
	})

	const learnerView = async () =>
		getLessonForLearner(await getDb(), { courseSlug: course.slug, lessonSlug: (await (await getDb()).lesson.findUniqueOrThrow({ where: { id: lessonId } })).slug, userId: learner.id }, cache)

	test('the author becomes a lecturer of the course; other lecturers cannot touch it', async () => {
		const db = await getDb()
		const lecturers = await db.courseLecturer.findMany({ where: { courseId: course.id }, select: { lecturer: { select: { name: true, userId: true } } } })
		expect(lecturers).toEqual([{ lecturer: { name: author.name, userId: author.userId } }])
		expect(await updateCourse(db, otherLecturer, course.id, { title: '改名', summary: '', topic: 'fiscal', audiences: ['department'] })).toBe(false)
		expect(await getCourseForEditor(db, otherLecturer, course.id)).toBeNull()
		expect((await listCoursesForEditor(db, otherLecturer)).map((c) => c.id)).not.toContain(course.id)
		expect((await listCoursesForEditor(db, admin)).map((c) => c.id)).toContain(course.id)
	})

	test('a refused lesson names its line and writes nothing', async () => {
		const db = await getDb()
		const result = await createLesson(db, author, { courseId: course.id, source: lessonSource({ title: '坏课时', body: '第一段\n\n<iframe src="https://example.com" />' }) })
		expect(result).toEqual({ ok: false, reason: 'refused', message: '第8行第1列：不允许使用 <iframe> 标签', issue: { line: 8, column: 1, message: '不允许使用 <iframe> 标签' } })
		const unknown = await createLesson(db, author, { courseId: course.id, source: lessonSource({ title: '坏课时', body: '<ProblemCard id="ZZ-404" />' }) })
		expect(unknown).toMatchObject({ ok: false, message: '第6行：共性问题 ZZ-404 不存在' })
		expect(await db.lesson.count({ where: { courseId: course.id } })).toBe(0)
	})

	test('a new lesson is a draft that learners cannot see', async () => {
		const db = await getDb()
		const created = await createLesson(db, author, { courseId: course.id, source: lessonSource({ title: '绩效目标（第一版）', body: `## 绩效目标\n\n${CHECK_BODY}` }) })
		if (!created.ok) throw new Error(created.message)
		lessonId = created.lessonId
		expect(created).toMatchObject({ version: 1, revision: 1 })
		expect(await learnerView()).toBeNull()
		const other = await saveLessonDraft(db, otherLecturer, { lessonId, source: lessonSource({ title: '别人改的', body: '正文' }), baseRevision: null })
		expect(other).toMatchObject({ ok: false, reason: 'not_found' })
	})

	test('publishing the lesson and the course shows version 1 to learners, and is audited', async () => {
		const db = await getDb()
		expect(await publishLessonDraft(db, author, { lessonId })).toMatchObject({ ok: true, version: 1 })
		// The course is still a draft.
		expect(await learnerView()).toBeNull()
		expect(await setCourseStatus(db, author, course.id, 'published')).toBe(true)
		const view = await learnerView()
		expect(view?.lesson).toMatchObject({ title: '绩效目标（第一版）', version: 1 })
		expect(view?.code).toContain('绩效目标')
		const actions = await db.auditLog.findMany({ where: { targetId: { in: [lessonId, course.id] } }, orderBy: { id: 'asc' }, select: { action: true, actorId: true } })
		expect(actions).toEqual([
			{ action: 'lesson.publish', actorId: author.userId },
			{ action: 'course.publish', actorId: author.userId },
		])
	})

	test('editing a published lesson makes a draft; learners keep version 1 until it is published', async () => {
		const db = await getDb()
		const saved = await saveLessonDraft(db, author, { lessonId, source: lessonSource({ title: '绩效目标（第二版）', body: '## 绩效目标\n\n第二版正文。' }), baseRevision: null })
		expect(saved).toMatchObject({ ok: true, version: 2, revision: 1 })
		const again = await saveLessonDraft(db, author, { lessonId, source: lessonSource({ title: '绩效目标（第二版）', body: '## 绩效目标\n\n第二版正文，改过。' }), baseRevision: 1 })
		expect(again).toMatchObject({ ok: true, version: 2, revision: 2 })
		// A tab still holding revision 1 cannot overwrite revision 2.
		const stale = await saveLessonDraft(db, author, { lessonId, source: lessonSource({ title: '旧窗口', body: '旧内容' }), baseRevision: 1 })
		expect(stale).toMatchObject({ ok: false, reason: 'conflict' })

		expect((await learnerView())?.lesson.title).toBe('绩效目标（第一版）')
		expect(await publishLessonDraft(db, author, { lessonId })).toMatchObject({ ok: true, version: 2 })
		const view = await learnerView()
		expect(view?.lesson.title).toBe('绩效目标（第二版）')
		expect(view?.checkKeys).toEqual([])
	})

	test('restoring version 1 makes a new draft with its content; history shows each state', async () => {
		const db = await getDb()
		const restored = await restoreLessonVersion(db, admin, { lessonId, version: 1 })
		expect(restored).toMatchObject({ ok: true, version: 3 })
		expect(await restoreLessonVersion(db, author, { lessonId, version: 2 })).toMatchObject({ ok: false, reason: 'draft_exists' })
		const versions = await db.lessonVersion.findMany({ where: { lessonId }, orderBy: { version: 'asc' }, select: { version: true, contentHash: true, restoredFromVersion: true } })
		expect(versions[2]).toEqual({ version: 3, contentHash: versions[0]!.contentHash, restoredFromVersion: 1 })
		expect(await db.knowledgeCheck.count({ where: { version: { lessonId, version: 3 } } })).toBe(1)

		const editor = await getLessonForEditor(db, author, lessonId)
		expect(editor?.history.map((v) => [v.version, v.state])).toEqual([
			[3, 'draft'],
			[2, 'current'],
			[1, 'superseded'],
		])
		expect(editor?.draft).toMatchObject({ version: 3, restoredFromVersion: 1 })
		expect((await learnerView())?.lesson.title).toBe('绩效目标（第二版）')

		expect(await discardLessonDraft(db, author, { lessonId })).toEqual({ ok: true })
		expect(await db.lessonVersion.count({ where: { lessonId } })).toBe(2)
	})

	test('git lessons are read-only in the browser', async () => {
		const db = await getDb()
		const gitLesson = await db.lesson.findFirstOrThrow({ where: { course: { origin: 'git' } }, select: { id: true } })
		const result = await saveLessonDraft(db, admin, { lessonId: gitLesson.id, source: lessonSource({ title: '改 git 课时', body: '正文' }), baseRevision: null })
		expect(result).toMatchObject({ ok: false, reason: 'read_only' })
		expect((await getLessonForEditor(db, author, gitLesson.id))?.editable).toBe(false)
	})

	test('the preview runs the same gate and compiler, and fills in 共性问题 cards', async () => {
		const db = await getDb()
		const refused = await previewLesson(db, lessonSource({ title: '预览', body: '正文\n\n<span onclick="alert(1)">x</span>' }))
		expect(refused).toMatchObject({ ok: false, message: '第8行第7列：不允许使用事件属性 onclick' })
		const shown = await previewLesson(db, lessonSource({ title: '预览', body: '<ProblemCard id="CZ-004" />' }))
		if (!shown.ok) throw new Error(shown.message)
		expect(shown.problems.map((p) => p.code)).toEqual(['CZ-004'])
		expect(shown.code).toContain('ProblemCard')
	})
})
