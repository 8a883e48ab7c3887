import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import type { RankingContent } from './build.ts'
import { rankingSheets, rankingWorkbook } from './export.server.ts'
import { rankPeople, rankUnits } from './ordering.ts'

const person = (userId: string, name: string, score: number, accommodated = false) => ({
	userId,
	name,
	username: userId,
	unitId: 'u1',
	unitName: '区财政局',
	score,
	timeUsedMs: 1_234_000,
	submittedAt: 0,
	accommodated,
	roundsSat: 1,
})

test('the workbook matches the board row for row and names the version and hash', async () => {
	const people = rankPeople([person('1', '张三', 90), person('2', '=李四', 90, true), person('3', '王五', 71.5)])
	const content: RankingContent = {
		scope: 'round',
		scopeId: 'r',
		seasonId: 's',
		title: '2026年度 · 第一轮',
		maxScore: 100,
		minUnitSize: 2,
		rules: { person: '规则一', accommodation: '规则二', absent: '规则三', unitIndex: '规则四' },
		people,
		absent: [{ userId: '4', name: '赵六', username: '4', unitId: 'u2', unitName: '区审计局' }],
		pending: [],
		units: rankUnits([{ unitId: 'u1', unitName: '区财政局', eligible: 4, scores: people.map((p) => p.score) }, { unitId: 'u2', unitName: '区审计局', eligible: 1, scores: [] }], { maxScore: 100, minUnitSize: 2 }),
	}
	const snapshot = { content, version: 3, contentHash: 'a'.repeat(64), publishedByName: '管理员', publishedAt: new Date('2026-12-01T08:00:00Z') }
	const file = await rankingWorkbook(snapshot)
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load(file as unknown as ArrayBuffer)
	const rowsOf = (name: string) => {
		const rows: unknown[][] = []
		workbook.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
		return rows
	}
	const sheets = rankingSheets(snapshot)

	// The board's rows, in the board's order.
	expect(sheets.people).toEqual(sheets.board.people.map((p) => [p.rank, p.name, p.unitName, p.score, p.timeUsed, p.accommodated ? '是' : '否']))
	expect(rowsOf('个人排名')).toEqual([
		['名次', '姓名', '单位', '得分', '用时', '考试照顾'],
		[1, '=李四', '区财政局', 90, '20分34秒', '是'],
		[1, '张三', '区财政局', 90, '20分34秒', '否'],
		[3, '王五', '区财政局', 71.5, '20分34秒', '否'],
	])
	expect(rowsOf('缺考')).toEqual([['姓名', '单位'], ['赵六', '区审计局']])
	expect(rowsOf('单位排名')).toEqual([
		['名次', '单位', '参考人数', '应考人数', '参考率', '平均分', '单位指数'],
		...sheets.board.units.map((u) => [u.rank, u.merged ? `${u.unitName}（${u.merged} 个单位）` : u.unitName, u.participants, u.eligible, u.participation, u.meanScore ?? '', u.index]),
	])
	expect(rowsOf('单位排名')[2]).toEqual([2, '其他单位（合并）（1 个单位）', 0, 1, '0.0%', '', 0])
	const summary = rowsOf('概况')
	expect(summary).toContainEqual(['版本', '第 3 版'])
	expect(summary).toContainEqual(['内容哈希（SHA-256）', 'a'.repeat(64)])
})
