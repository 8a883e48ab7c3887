import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { createCourse, type Editor } from './courses.server.ts'
import { chooseVersions, compareLessonVersions } from './lesson-compare.ts'
import { createVersion } from './lesson-versions.ts'
import { checkLessonSourceSync } from './mdx/check-lesson.server.ts'
import { createEditor, lessonSource } from './test-fixtures.ts'

/**
 * A lesson with these versions, all published but the last (left as the draft), written the way
 * the editor writes them but checked here, without a lesson worker: the comparison is what is
 * under test, and a worker's first start can outlast its time limit on a busy machine.
 */
async function lessonWithVersions(db: Db, editor: Editor, courseId: string, sources: string[]) {
	return db.$transaction(async (tx) => {
		const lesson = await tx.lesson.create({ data: { courseId, slug: `l-${crypto.randomUUID()}`, position: 1 }, select: { id: true } })
		for (const [index, source] of sources.entries()) {
			const checked = checkLessonSourceSync(source)
			if (!checked.ok) throw new Error(checked.issue.message)
			const published = index < sources.length - 1 ? new Date() : null
			const version = await createVersion(tx, { lessonId: lesson.id, checked: checked.lesson, userId: editor.userId, publishedAt: published })
			if (published) await tx.lesson.update({ where: { id: lesson.id }, data: { publishedVersionId: version.id } })
		}
		return lesson.id
	})
}

test('the versions compared: those asked for, else the one before the newest and the newest; bad ones said in Chinese', () => {
	const history = [{ version: 3 }, { version: 2 }, { version: 1 }]
	expect(chooseVersions(history, {})).toEqual({ from: 2, to: 3, problem: null })
	expect(chooseVersions(history, { from: '1', to: '3' })).toEqual({ from: 1, to: 3, problem: null })
	expect(chooseVersions(history, { to: '2' })).toEqual({ from: 1, to: 2, problem: null })
	expect(chooseVersions(history, { from: 'x' })).toMatchObject({ problem: '旧版本：版本号无效' })
	expect(chooseVersions(history, { to: '9' })).toMatchObject({ problem: '新版本：没有第 9 版' })
	expect(chooseVersions(history, { from: '2', to: '2' })).toMatchObject({ problem: '请选择两个不同的版本' })
	expect(chooseVersions([{ version: 1 }], {})).toEqual({ from: null, to: 1, problem: null })
})

describeEachProvider('comparing lesson versions', (getDb) => {
	let author: Awaited<ReturnType<typeof createEditor>>
	let otherLecturer: Awaited<ReturnType<typeof createEditor>>
	let admin: Awaited<ReturnType<typeof createEditor>>
	let lessonId: string

	beforeAll(async () => {
		const db = await getDb()
		author = await createEditor(db)
		otherLecturer = await createEditor(db)
		admin = await createEditor(db, { admin: true })
		const course = await createCourse(db, author, { title: '政府采购审计', summary: '', topic: 'fiscal', audiences: ['department'] })
		lessonId = await lessonWithVersions(db, author, course.id, [
			lessonSource({ title: '采购程序', body: '## 采购方式\n\n公开招标是主要方式。\n\n邀请招标。' }),
			lessonSource({ title: '采购程序', body: '## 采购方式\n\n公开招标是主要方式（预算法第十三条）。\n\n邀请招标。\n\n竞争性谈判。' }),
		])
	})

	test('the author and an admin see the draft against the published version; another lecturer gets nothing', async () => {
		const db = await getDb()
		for (const editor of [author, admin]) {
			const compared = await compareLessonVersions(db, editor, { lessonId })
			expect(compared).toMatchObject({ from: 1, to: 2, problem: null, diff: { added: 2, removed: 0, changed: 1 } })
			const changed = compared!.diff!.rows.find((row) => row.kind === 'changed')
			expect(changed).toMatchObject({ left: { text: '公开招标是主要方式。' }, right: { text: '公开招标是主要方式（预算法第十三条）。' } })
		}
		expect(await compareLessonVersions(db, otherLecturer, { lessonId })).toBeNull()
		expect(await compareLessonVersions(db, otherLecturer, { lessonId, from: '1', to: '2' })).toBeNull()
	})

	test('a version of another lesson is not reachable by its number, and reversed order compares the other way', async () => {
		const db = await getDb()
		expect(await compareLessonVersions(db, author, { lessonId, from: '1', to: '3' })).toMatchObject({ problem: '新版本：没有第 3 版', diff: null })
		expect(await compareLessonVersions(db, author, { lessonId, from: '2', to: '1' })).toMatchObject({ diff: { added: 0, removed: 2, changed: 1 } })
	})
})
