import { beforeAll, describe, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { createCourse, setCourseStatus } from '../courses.server.ts'
import { syncGitContent } from '../git-sync.server.ts'
import { createLesson, publishLessonDraft, saveLessonDraft } from '../lessons.ts'
import { createEditor, lessonSource } from '../test-fixtures.ts'
import { highlight, reconcileSearchIndex, searchLibrary, searchTerms, snippet } from './search.ts'
import { searchStoreFor } from './search-store.server.ts'

const marked = (segments: { text: string; match: boolean }[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('')

describe('highlighting', () => {
	test('marks every occurrence of every term, case-insensitively, longest first', () => {
		expect(marked(highlight('预算执行审计：预算调整', ['预算']))).toBe('[预算]执行审计：[预算]调整')
		expect(marked(highlight('EPC 项目与 epc 合同', ['Epc']))).toBe('[EPC] 项目与 [epc] 合同')
		expect(marked(highlight('三重一大决策', ['三重', '三重一大']))).toBe('[三重一大]决策')
		expect(marked(highlight('a.b*c', ['.b*']))).toBe('a[.b*]c')
	})

	test('a snippet is cut around the first match', () => {
		const text = `${'甲'.repeat(100)}关键词${'乙'.repeat(100)}`
		const cut = marked(snippet(text, ['关键词'], 10))
		expect(cut).toBe(`…${'甲'.repeat(10)}[关键词]${'乙'.repeat(17)}…`)
	})

	test('queries split on any whitespace, drop repeats and keep at most five terms', () => {
		expect(searchTerms('  预算　执行 预算 ')).toEqual(['预算', '执行'])
		expect(searchTerms('一 二 三 四 五 六')).toHaveLength(5)
		expect(searchTerms('   ')).toEqual([])
	})
})

describeEachProvider('search', (getDb) => {
	beforeAll(async () => {
		const db = await getDb()
		await syncGitContent(db)
		expect(await reconcileSearchIndex(db)).toEqual({ updated: 34, removed: 0 })
	})

	const search = async (query: string, kinds?: ('course' | 'lesson' | 'problem')[]) => (await searchLibrary(await getDb(), query, { kinds })).hits

	test('a two-character Chinese word (below the trigram length) is found and highlighted', async () => {
		const hits = await search('预算')
		expect(hits.length).toBeGreaterThanOrEqual(5)
		expect(hits.map((hit) => hit.kind)).toEqual(expect.arrayContaining(['course', 'lesson', 'problem']))
		expect(marked(hits[0]!.title)).toContain('[预算]')
		for (const hit of hits) expect([...hit.title, ...hit.snippet].some((segment) => segment.match)).toBe(true)
	})

	test('a longer phrase uses the trigram index, and every term must match', async () => {
		const hits = await search('三重一大')
		expect(hits[0]).toMatchObject({ kind: 'lesson', href: '/learn/courses/economic-responsibility-audit/major-decisions', context: '领导干部经济责任审计' })
		expect(marked(hits[0]!.title)).toBe('重大经济事项决策（“[三重一大]”）审计')
		const both = await search('化整为零 招标')
		expect(both.map((hit) => hit.href)).toEqual(expect.arrayContaining(['/problems/CZ-004', '/problems/GT-001']))
		for (const hit of both) expect([...hit.title, ...hit.snippet].some((segment) => segment.match)).toBe(true)
		expect(await search('化整为零 不存在的词语')).toEqual([])
	})

	test('Latin terms match regardless of case; LIKE wildcards are taken literally', async () => {
		expect((await search('epc')).map((hit) => hit.href)).toContain('/learn/courses/fixed-asset-investment-audit/epc-projects')
		// As wildcards these would match 执行率 and 100; taken literally they match nothing.
		expect(await search('执%率')).toEqual([])
		expect(await search('1_0')).toEqual([])
		expect(await search('执%')).toEqual([])
		expect(await search('"预算')).toEqual([])
		// A literal % is found where it is written (执行率超过100%).
		const percent = await search('100%')
		expect(percent.map((hit) => hit.href)).toContain('/learn/courses/fiscal-budget-execution/budget-law-basics')
	})

	test('kinds narrow the results, and problems link to the 共性问题清单', async () => {
		const hits = await search('坐收坐支', ['problem'])
		expect(hits.map((hit) => [hit.kind, hit.href])).toEqual([['problem', '/problems/ZH-003']])
	})

	test('knowledge-check answers and explanations are not searchable', async () => {
		expect(await search('未列入预算的不得支出。')).not.toEqual([])
		expect(await search('第十三条规定，支出必须以经批准的预算为依据')).toEqual([])
	})

	test('publishing and unpublishing keep the index in step with what learners may open', async () => {
		const db = await getDb()
		const editor = await createEditor(db)
		const course = await createCourse(db, editor, { title: '数据分析入门', summary: '', topic: 'big_data', audiences: ['department'] })
		const lesson = await createLesson(db, editor, { courseId: course.id, source: lessonSource({ title: '透视表', body: '用透视表汇总国库集中支付数据，找出独特的蜂鸟字段。' }) })
		if (!lesson.ok) throw new Error(lesson.message)
		await publishLessonDraft(db, editor, { lessonId: lesson.lessonId })
		// Published lesson, draft course: not searchable.
		expect(await search('蜂鸟字段')).toEqual([])
		await setCourseStatus(db, editor, course.id, 'published')
		expect((await search('蜂鸟字段')).map((hit) => hit.kind)).toEqual(['lesson'])

		// A draft does not change what is found until it is published.
		await saveLessonDraft(db, editor, { lessonId: lesson.lessonId, source: lessonSource({ title: '透视表', body: '改写后的正文提到翠鸟字段。' }), baseRevision: null })
		expect(await search('翠鸟字段')).toEqual([])
		await publishLessonDraft(db, editor, { lessonId: lesson.lessonId })
		expect(await search('蜂鸟字段')).toEqual([])
		expect((await search('翠鸟字段')).length).toBe(1)

		await setCourseStatus(db, editor, course.id, 'archived')
		expect(await search('翠鸟字段')).toEqual([])
		expect(await search('数据分析入门')).toEqual([])
	})

	test('reconciling an index that is already current changes nothing', async () => {
		const db = await getDb()
		expect(await reconcileSearchIndex(db)).toEqual({ updated: 0, removed: 0 })
		const store = await searchStoreFor(db)
		await store.remove([{ kind: 'problem', refId: (await db.commonProblem.findUniqueOrThrow({ where: { code: 'CZ-001' } })).id }])
		expect(await reconcileSearchIndex(db)).toEqual({ updated: 1, removed: 0 })
	})
})
