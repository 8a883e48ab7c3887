import { expect, test } from 'vitest'
import { readSpreadsheet } from '#app/utils/xlsx.server.ts'
import { createBankQuestions, createPerson, createRound, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { roundStatisticsWorkbook } from './export.server.ts'
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
})
