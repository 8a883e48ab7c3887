import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { createCourse } from './courses.server.ts'
import { syncGitContent } from './git-sync.server.ts'
import { copyOfContent, createEditor } from './test-fixtures.ts'

describeEachProvider('git content sync', (getDb) => {
	let root: string
	beforeAll(() => {
		root = copyOfContent()
	})

	async function lessonState(courseSlug: string) {
		const db = await getDb()
		const lessons = await db.lesson.findMany({
			where: { course: { slug: courseSlug } },
			orderBy: { position: 'asc' },
			select: { slug: true, updatedAt: true, archivedAt: true, publishedVersion: { select: { version: true } }, _count: { select: { versions: true } } },
		})
		return Object.fromEntries(lessons.map((lesson) => [lesson.slug, lesson]))
	}

	test('the first sync brings in every course, lesson and 共性问题, published', async () => {
		const db = await getDb()
		const report = await syncGitContent(db, { root })
		expect(report.errors).toEqual([])
		expect(report.courses).toEqual({ created: 4, updated: 0, unchanged: 0, archived: 0 })
		expect(report.lessons).toEqual({ created: 12, updated: 0, unchanged: 0, archived: 0 })
		expect(report.problems).toEqual({ created: 18, updated: 0, unchanged: 0, removed: 0 })

		const courses = await db.course.findMany({
			orderBy: { sortOrder: 'asc' },
			select: { slug: true, topic: true, status: true, origin: true, summary: true, audiences: { select: { audience: true } }, lecturers: { select: { lecturer: { select: { name: true } } } } },
		})
		expect(courses.map((c) => [c.slug, c.topic, c.status, c.origin])).toEqual([
			['fiscal-budget-execution', 'fiscal', 'published', 'git'],
			['economic-responsibility-audit', 'economic_responsibility', 'published', 'git'],
			['fixed-asset-investment-audit', 'fixed_asset_investment', 'published', 'git'],
			['combined-internal-audit-practice', 'combined', 'published', 'git'],
		])
		// course.md: the body becomes the summary.
		expect(courses[2]!.summary).toContain('EPC 工程总承包')
		expect(courses[3]!.audiences.map((a) => a.audience).sort()).toEqual(['community', 'department', 'soe', 'subdistrict'])
		expect(courses[3]!.lecturers.map((l) => l.lecturer.name).sort()).toEqual(['周晓燕', '王敏'])
		// The same lecturer named by two courses is one profile.
		expect(await db.lecturer.count({ where: { name: '王敏' } })).toBe(1)
		const checks = await db.knowledgeCheck.count({ where: { version: { lesson: { course: { origin: 'git' } } } } })
		expect(checks).toBe(12)
	})

	test('a second sync of unchanged files writes nothing', async () => {
		const db = await getDb()
		const before = await lessonState('fiscal-budget-execution')
		const auditBefore = await db.auditLog.count()
		const report = await syncGitContent(db, { root })
		expect(report.courses).toEqual({ created: 0, updated: 0, unchanged: 4, archived: 0 })
		expect(report.lessons).toEqual({ created: 0, updated: 0, unchanged: 12, archived: 0 })
		expect(report.problems).toEqual({ created: 0, updated: 0, unchanged: 18, removed: 0 })
		expect(await lessonState('fiscal-budget-execution')).toEqual(before)
		expect(await db.auditLog.count()).toBe(auditBefore)
	})

	test('changing one lesson file touches only that lesson, as a new published version', async () => {
		const db = await getDb()
		const before = await lessonState('fiscal-budget-execution')
		appendFileSync(path.join(root, 'fiscal-budget-execution/02-expenditure-and-procurement.mdx'), '\n## 补充\n\n新增的一段关于以拨代支的说明。\n')
		const report = await syncGitContent(db, { root })
		expect(report.lessons).toEqual({ created: 0, updated: 1, unchanged: 11, archived: 0 })
		const after = await lessonState('fiscal-budget-execution')
		expect(after['expenditure-and-procurement']!.publishedVersion!.version).toBe(2)
		expect(after['budget-law-basics']).toEqual(before['budget-law-basics'])
		expect(after['special-funds-performance']).toEqual(before['special-funds-performance'])
		const log = await db.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { action: true, summary: true } })
		expect(log).toEqual({ action: 'content.sync', summary: expect.stringContaining('课时新增 0、更新 1') })
	})

	test('a lesson that fails the sanitizer is reported with its line and keeps its last version', async () => {
		const db = await getDb()
		const file = path.join(root, 'fiscal-budget-execution/01-budget-law-basics.mdx')
		const original = readFileSync(file, 'utf8')
		const lines = original.split('\n')
		writeFileSync(file, [...lines.slice(0, 12), '<Callout type="提示" onClick="alert(1)">点击</Callout>', ...lines.slice(12)].join('\n'))
		const report = await syncGitContent(db, { root })
		expect(report.errors).toEqual([{ file: 'fiscal-budget-execution/01-budget-law-basics.mdx', message: '第13行第20列：不允许使用事件属性 onClick' }])
		expect((await lessonState('fiscal-budget-execution'))['budget-law-basics']!.publishedVersion!.version).toBe(1)

		writeFileSync(file, original.replace('<ProblemCard id="CZ-001" />', '<ProblemCard id="CZ-999" />'))
		const unknownProblem = await syncGitContent(db, { root })
		expect(unknownProblem.errors).toEqual([{ file: 'fiscal-budget-execution/01-budget-law-basics.mdx', message: expect.stringMatching(/^第\d+行：共性问题 CZ-999 不存在$/) }])
		writeFileSync(file, original)
	})

	test('bad course files and file names are reported, and the rest still syncs', async () => {
		const db = await getDb()
		mkdirSync(path.join(root, 'broken-course'))
		writeFileSync(path.join(root, 'broken-course/course.yaml'), 'title: 坏课程\ntopic: 天文\naudiences: [部门]\n')
		writeFileSync(path.join(root, 'fiscal-budget-execution/notes.txt'), '随手记')
		const report = await syncGitContent(db, { root })
		expect(report.errors).toEqual([
			{ file: 'broken-course/course.yaml', message: expect.stringMatching(/^第2行第1列：专题只能是/) },
			{ file: 'fiscal-budget-execution/notes.txt', message: expect.stringContaining('课时文件名须为') },
		])
		expect(report.lessons.unchanged).toBe(12)
		rmSync(path.join(root, 'broken-course'), { recursive: true })
		rmSync(path.join(root, 'fiscal-budget-execution/notes.txt'))
	})

	test('a removed lesson is archived, and a removed course is taken off the catalog', async () => {
		const db = await getDb()
		const moved = readFileSync(path.join(root, 'combined-internal-audit-practice/03-village-community-funds.mdx'), 'utf8')
		rmSync(path.join(root, 'combined-internal-audit-practice/03-village-community-funds.mdx'))
		rmSync(path.join(root, 'fixed-asset-investment-audit'), { recursive: true })
		const report = await syncGitContent(db, { root })
		expect(report.lessons.archived).toBe(1)
		expect(report.courses.archived).toBe(1)
		expect((await lessonState('combined-internal-audit-practice'))['village-community-funds']!.archivedAt).not.toBeNull()
		expect(await db.course.findUnique({ where: { slug: 'fixed-asset-investment-audit' }, select: { status: true } })).toEqual({ status: 'archived' })

		// Putting the file back brings the same lesson back, with its history.
		writeFileSync(path.join(root, 'combined-internal-audit-practice/03-village-community-funds.mdx'), moved)
		const restored = await syncGitContent(db, { root })
		expect(restored.lessons.updated).toBe(1)
		const lesson = (await lessonState('combined-internal-audit-practice'))['village-community-funds']!
		expect(lesson.archivedAt).toBeNull()
		expect(lesson._count.versions).toBe(1)
	})

	test('a git course never overwrites a course written in the browser', async () => {
		const db = await getDb()
		const editor = await createEditor(db)
		const browserCourse = await createCourse(db, editor, { title: '在线课程', summary: '', topic: 'fiscal', audiences: ['department'] })
		mkdirSync(path.join(root, browserCourse.slug))
		writeFileSync(path.join(root, browserCourse.slug, 'course.yaml'), 'title: 冒名课程\ntopic: 财政\naudiences: [部门]\n')
		const report = await syncGitContent(db, { root })
		expect(report.errors).toEqual([{ file: `${browserCourse.slug}/`, message: `已有同名（${browserCourse.slug}）的在线课程，git 课程未同步` }])
		expect(await db.course.findUnique({ where: { id: browserCourse.id }, select: { title: true, origin: true } })).toEqual({ title: '在线课程', origin: 'browser' })
		rmSync(path.join(root, browserCourse.slug), { recursive: true })
	})
})
