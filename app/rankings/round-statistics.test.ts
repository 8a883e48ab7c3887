import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { readSpreadsheet } from '#app/utils/xlsx.server.ts'
import { createBankQuestions, createPerson, createRound, createUnit, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { roundStatisticsWorkbook } from './round-statistics-export.server.ts'
import { getRoundStatistics } from './round-statistics.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')

describeEachProvider('round statistics', (getDb) => {
	test('histogram, facility, discrimination with the misleading item flagged, option counts and the .xlsx', async () => {
		const db = await getDb()
		await createBankQuestions(db, 'single', 5, { topic: 'combined' })
		const round = await createRound(db, T0, {
			shuffleQuestions: false,
			shuffleOptions: false,
			rules: [{ topic: 'combined', type: 'single', difficulty: null, count: 5, pointsEach: 2 }],
		})
		// Person i answers the first i of questions 1–4 right; question 5 only the weakest get right.
		for (let i = 0; i < 10; i++) {
			const person = await createPerson(db)
			await sitRound(db, { roundId: round.id, person, startAt: T0, isRight: (p) => (p === 5 ? i < 3 : p <= Math.min(4, Math.floor(i / 2))) })
		}
		const stats = await getRoundStatistics(db, round.id)
		if (!stats) throw new Error('no statistics')
		expect(stats.summary.count).toBe(10)
		expect(stats.histogram.reduce((s, b) => s + b.count, 0)).toBe(10)
		expect(stats.items).toHaveLength(5)
		const misleading = stats.items.filter((item) => item.negativeDiscrimination)
		expect(misleading).toHaveLength(1)
		expect(misleading[0]!.facility).toBe(0.3)
		// Flagged items come first.
		expect(stats.items[0]!.negativeDiscrimination).toBe(true)
		const counts = misleading[0]!.options!.counts
		expect(counts.find((c) => c.isKey)).toMatchObject({ key: 'B', count: 3 })
		expect(counts.reduce((s, c) => s + c.count, 0)).toBe(10)

		const workbook = await roundStatisticsWorkbook(stats)
		const sheet = await readSpreadsheet(workbook, 'stats.xlsx')
		expect(sheet).toMatchObject({ ok: true, headers: ['项目', '数值'] })
		if (sheet.ok) expect(sheet.rows.find((r) => r.cells['项目'] === '参与统计人数')?.cells['数值']).toBe('10')
	})

	test('per-unit comparison by the ranking rules: participants of eligible, mean, participation, index; small units pooled; in the .xlsx row for row', async () => {
		const db = await getDb()
		await createBankQuestions(db, 'single', 2, { topic: 'fiscal' })
		const big = await createUnit(db, { name: '大单位' })
		const small = await createUnit(db, { name: '小单位' })
		const child = await createUnit(db, { name: '大单位下属科室', parentId: big.id })
		// Eligible: the big unit (with its sub-unit) and the small one; an outsider in another unit is not.
		const round = await createRound(db, T0, {
			shuffleQuestions: false,
			shuffleOptions: false,
			eligibility: [
				{ kind: 'unit', value: big.id },
				{ kind: 'unit', value: small.id },
			],
		})
		const inBig = await Promise.all([1, 2, 3, 4].map(() => createPerson(db, { unitId: big.id })))
		const inChild = await createPerson(db, { unitId: child.id })
		const inSmall = await createPerson(db, { unitId: small.id })
		await createPerson(db)
		// Big unit: two of four sit (4 and 2 of 4 points); the sub-unit's one sits (4); the small unit's one sits (0).
		await sitRound(db, { roundId: round.id, person: inBig[0]!, startAt: T0, isRight: () => true })
		await sitRound(db, { roundId: round.id, person: inBig[1]!, startAt: T0, isRight: (p) => p === 1 })
		await sitRound(db, { roundId: round.id, person: inChild, startAt: T0, isRight: () => true })
		await sitRound(db, { roundId: round.id, person: inSmall, startAt: T0, isRight: () => false })
		await db.rankingSetting.create({ data: { seasonId: round.seasonId, minUnitSize: 2 } })

		const stats = (await getRoundStatistics(db, round.id))!
		expect(stats.units.minUnitSize).toBe(2)
		// Sub-unit (1 eligible) and small unit (1 eligible) are below 2: pooled into one row.
		expect(stats.units.rows).toEqual([
			// 大单位: 2 of 4, mean 3 of 4 → 75 × 0.7 + 50 × 0.3 = 67.5
			{ rank: 1, unitName: '大单位', merged: 0, eligible: 4, participants: 2, meanScore: 3, participationRate: 0.5, meanPercent: 75, index: 67.5 },
			// pooled: 2 of 2, mean 2 of 4 → 50 × 0.7 + 100 × 0.3 = 65
			{ rank: 2, unitName: '其他单位（合并）', merged: 2, eligible: 2, participants: 2, meanScore: 2, participationRate: 1, meanPercent: 50, index: 65 },
		])

		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load((await roundStatisticsWorkbook(stats)) as unknown as ArrayBuffer)
		const rows: unknown[][] = []
		workbook.getWorksheet('单位对比')!.eachRow((row, number) => (number > 1 ? rows.push((row.values as unknown[]).slice(1)) : undefined))
		expect(rows.map((row) => [row[0], row[1], row[3], row[4], row[6], row[7]])).toEqual(stats.units.rows.map((u) => [u.rank, u.unitName, u.participants, u.eligible, u.meanScore, u.index]))
	})
})
