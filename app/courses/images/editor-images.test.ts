// Images in lessons written in the editor (ADR 016): an uploaded image that is stored is shown,
// one that is not is refused at its line and column in the preview and on save, and a file path
// (which only a git course has a folder for) is refused with a hint to use the toolbar.
import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { createCourse } from '../courses.server.ts'
import { createLesson, previewLesson } from '../lessons.ts'
import { createEditor, lessonSource } from '../test-fixtures.ts'
import { storeLessonImage } from './image-store.server.ts'
import { encodePng } from './test-images.ts'

describeEachProvider('images in editor lessons', (getDb) => {
	let author: Awaited<ReturnType<typeof createEditor>>
	let courseId: string
	let url: string
	beforeAll(async () => {
		const db = await getDb()
		author = await createEditor(db)
		courseId = (await createCourse(db, author, { title: '图片课程', summary: '', topic: 'general', audiences: ['department'] })).id
		const stored = await storeLessonImage(db, encodePng(3, 3, (x, y) => [x * 80, y * 80, Math.floor(Math.random() * 255), 255]))
		if (!stored.ok) throw new Error(stored.message)
		url = stored.image.url
	})

	// lessonSource puts the body on line 6 (after 4 frontmatter lines and a blank one).
	const source = (body: string) => lessonSource({ title: '有图的课时', body })

	test('an uploaded, stored image previews and saves; an https image needs nothing stored', async () => {
		const db = await getDb()
		const preview = await previewLesson(db, source(`正文\n\n![流程](${url})\n\n![外部](https://example.org/a.png)`))
		expect(preview).toMatchObject({ ok: true })
		expect(preview.ok && preview.code).toContain(url)
		expect(await createLesson(db, author, { courseId, source: source(`![流程](${url})`) })).toMatchObject({ ok: true })
	})

	test('an uploaded image that is not stored is refused at its line and column, in the preview and on save', async () => {
		const db = await getDb()
		const missing = `/lesson-images/${'0'.repeat(64)}.png`
		const body = `第一段\n\n第二段里有图 ![缺](${missing})`
		const preview = await previewLesson(db, source(body))
		expect(preview).toMatchObject({ ok: false, issue: { line: 8, column: 8, message: expect.stringMatching(/^图片 \/lesson-images\/0+\.png 不存在：没有上传过这张图片/) } })
		const saved = await createLesson(db, author, { courseId, source: source(body) })
		expect(saved).toMatchObject({ ok: false, reason: 'refused', issue: { line: 8, column: 8 } })
		expect(saved.ok ? '' : saved.message).toMatch(/^第8行第8列：图片 /)
	})

	test('a file path has nothing to point at in an editor lesson', async () => {
		const db = await getDb()
		const preview = await previewLesson(db, source('<img src="./images/flow.png" alt="流程">'))
		expect(preview).toMatchObject({ ok: false, issue: { line: 6, message: expect.stringContaining('请用工具栏上传图片') } })
	})
})
