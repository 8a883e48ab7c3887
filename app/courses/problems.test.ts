import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { readSpreadsheet } from '#app/utils/xlsx.server.ts'
import { syncGitContent } from './git-sync.server.ts'
import { exportProblemsXlsx, lessonsCitingProblem, listProblems, problemCategories, syncCommonProblems } from './problems.ts'

describeEachProvider('共性问题清单', (getDb) => {
	beforeAll(async () => {
		await syncGitContent(await getDb())
	})

	test('the list filters by topic and category, in the booklet order', async () => {
		const db = await getDb()
		const fiscal = await listProblems(db, { topic: 'fiscal' })
		expect(fiscal.map((p) => p.code)).toEqual(['CZ-001', 'CZ-002', 'CZ-003', 'CZ-004', 'CZ-005'])
		expect((await listProblems(db, { category: '决策程序' })).map((p) => p.code)).toEqual(['JZ-001', 'JZ-002'])
		expect(await problemCategories(db)).toContain('招标投标')
	})

	test('a problem page lists the published lessons whose cards show it', async () => {
		const db = await getDb()
		expect(await lessonsCitingProblem(db, 'JZ-002')).toEqual([
			{ href: '/learn/courses/economic-responsibility-audit/major-decisions', title: '重大经济事项决策（“三重一大”）审计', courseTitle: '领导干部经济责任审计' },
		])
		expect(await lessonsCitingProblem(db, 'CZ-002')).toEqual([])
	})

	test('the .xlsx export has one row per problem with every field', async () => {
		const db = await getDb()
		const workbook = await exportProblemsXlsx(db, { topic: 'fixed_asset_investment' })
		const sheet = await readSpreadsheet(workbook, 'export.xlsx')
		if (!sheet.ok) throw new Error(sheet.error)
		expect(sheet.headers).toEqual(['编号', '专题', '类别', '问题', '问题描述', '典型表现与证据', '定性依据', '处理建议'])
		expect(sheet.rows.map((row) => row.cells['编号'])).toEqual(['GT-001', 'GT-002', 'GT-003', 'GT-004', 'GT-005'])
		expect(sheet.rows[0]!.cells).toMatchObject({ 专题: '固投', 类别: '招标投标', 问题: '依法必须招标的项目未招标' })
		expect(sheet.rows[0]!.cells['定性依据']).toContain('《中华人民共和国招标投标法》第四条')
	})

	test('syncing a changed list rewrites changed entries and removes dropped ones', async () => {
		const db = await getDb()
		const [first, second] = await listProblems(db, { topic: 'fiscal' })
		const entry = (p: typeof first) => ({ code: p!.code, title: p!.title, topic: p!.topic as 'fiscal', category: p!.category, description: p!.description, typicalEvidence: p!.typicalEvidence, regulationBasis: p!.regulationBasis, recommendedHandling: p!.recommendedHandling })
		const counts = await db.$transaction((tx) => syncCommonProblems(tx, [entry(first), { ...entry(second), title: '改过的标题' }]))
		expect(counts).toEqual({ created: 0, updated: 1, unchanged: 1, removed: 16 })
		expect((await listProblems(db)).map((p) => [p.code, p.title])).toEqual([
			['CZ-001', first!.title],
			['CZ-002', '改过的标题'],
		])
	})
})
