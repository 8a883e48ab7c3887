import { expect, test } from 'vitest'
import { getQuestionForEditing } from '#app/exams/bank/questions.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { createTestUser, uniqueTag } from '#app/exams/grading/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { readSpreadsheet, writeCsv, writeXlsx } from '#app/utils/xlsx.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { BANK_SHEET_COLUMNS, bankExportFile, bankTemplateFile } from './bank-export.ts'
import { formatProblem, importBankFile } from './bank-import.server.ts'
import { BANK_COLUMNS, type BankColumn } from './columns.ts'

type Row = Partial<Record<BankColumn, string>>

function toCells(row: Row) {
	return BANK_COLUMNS.map((column) => row[column] ?? '')
}

async function xlsxOf(rows: Row[]) {
	return writeXlsx([{ name: '题目', columns: BANK_SHEET_COLUMNS, rows: rows.map(toCells) }])
}

function questionRows(tag: string): Row[] {
	return [
		{ 题型: '单选', 专题: '财政', 难度: '1', 分值: '2', 题干: `${tag} 预算执行审计的主体是（ ）`, 选项A: '审计机关', 选项B: '财政部门', 答案: 'A', 标签: tag },
		{ 题型: '多选', 专题: '经责', 难度: '3', 分值: '3', 题干: `${tag} 五审包括（ ）`, 选项A: '审决策', 选项B: '审收支', 选项C: '审内控', 答案: 'Ａ，Ｃ', 标签: tag },
		{ 题型: '判断', 专题: '固投', 难度: '2', 分值: '1', 题干: `${tag} EPC 项目无需审计设计变更。`, 答案: '×', 标签: tag },
		{ 题型: '填空', 专题: '综合', 难度: '2', 分值: '2', 题干: `${tag} 审计法于____年修正。`, 答案: '2021|二〇二一', 标签: tag },
		{ 题型: '案例分析', 专题: '固投', 难度: '5', 分值: '20', 题干: `${tag} 某老旧小区改造项目……`, 答案: '参考答案', 评分要点: '定性 10 分', 标签: tag },
	]
}

async function countTagged(db: Db, tag: string) {
	return db.question.count({ where: { currentVersion: { tags: { contains: JSON.stringify(tag) } } } })
}

describeEachProvider('bank import and export', (getDb) => {
	test('preview lists every bad row by number, column and Chinese reason, and nothing is written', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const tag = uniqueTag()
		const rows = questionRows(tag)
		rows[1] = { ...rows[1], 答案: 'AZ' }
		rows[3] = { ...rows[3], 题型: '连线', 难度: '9' }
		const outcome = await importBankFile(db, { data: await xlsxOf(rows), fileName: 'bad.xlsx', mode: 'all', actorId: admin.id })
		expect(outcome.ok).toBe(false)
		expect(outcome.reason).toBe('2 行有问题，未导入任何题目。请修改后重新导入，或选择“只导入无误的行”。')
		expect(outcome.preview.problems.map(formatProblem)).toEqual([
			'第3行 答案：答案“AZ”无法识别，请填写选项字母 A–H，如 B 或 ACD',
			'第5行 题型：题型“连线”无法识别，可填：单选、多选、判断、填空、简答、案例分析',
			'第5行 难度：难度须为 1–5 的整数',
		])
		expect(outcome.preview.valid.map((r) => r.rowNumber)).toEqual([2, 4, 6])
		expect(await countTagged(db, tag)).toBe(0)
	})

	test('importing only the valid rows writes them all in one go and reports the skipped rows', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const tag = uniqueTag()
		const rows = questionRows(tag)
		rows[2] = { ...rows[2], 答案: '也许' }
		const progress: string[] = []
		const outcome = await importBankFile(db, {
			data: await xlsxOf(rows),
			fileName: 'mixed.xlsx',
			mode: 'valid_only',
			defaultStatus: 'draft',
			actorId: admin.id,
			onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`),
		})
		expect(outcome).toMatchObject({ ok: true, imported: 4, skippedRows: [4] })
		expect(progress).toEqual(['checking:0/5', 'writing:4/4', 'done:4/4'])
		const stored = await db.question.findMany({
			where: { currentVersion: { tags: { contains: JSON.stringify(tag) } } },
			select: { status: true, type: true, currentVersion: { select: { version: true, answerKey: true } } },
			orderBy: { type: 'asc' },
		})
		expect(stored.map((q) => [q.type, q.status, q.currentVersion?.version, q.currentVersion?.answerKey])).toEqual([
			['case_analysis', 'draft', 1, '"参考答案"'],
			['fill_blank', 'draft', 1, '[["2021","二〇二一"]]'],
			['multiple', 'draft', 1, '["A","C"]'],
			['single', 'draft', 1, '"A"'],
		])
		const audit = await db.auditLog.findFirst({ where: { action: 'bank.import', actorId: admin.id } })
		expect(audit?.summary).toBe('从 mixed.xlsx 导入 4 道题目，跳过 1 行')
	})

	test('a file with only invalid rows writes nothing even when valid-only is chosen', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const csv = writeCsv([...BANK_COLUMNS], [toCells({ 题型: '单选', 专题: '财政', 难度: '1', 分值: '1', 题干: `${uniqueTag()}题`, 答案: 'A' })])
		const outcome = await importBankFile(db, { data: Buffer.from(csv), fileName: 'only-bad.csv', mode: 'valid_only', actorId: admin.id })
		expect(outcome).toMatchObject({ ok: false, reason: '没有可导入的题目', imported: 0 })
		expect(outcome.preview.problems.map(formatProblem)).toEqual(['第2行 选项A：选择题至少需要两个选项'])
	})

	test('duplicates in the file and stems already in the bank are reported and skipped', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const tag = uniqueTag()
		const rows = questionRows(tag)
		const first = await importBankFile(db, { data: await xlsxOf(rows.slice(0, 2)), fileName: 'first.xlsx', mode: 'all', actorId: admin.id })
		expect(first).toMatchObject({ ok: true, imported: 2 })

		const second = [...rows, { ...rows[3], 题干: rows[3]!.题干!.replace(' ', '　') }]
		const outcome = await importBankFile(db, { data: await xlsxOf(second), fileName: 'second.xlsx', mode: 'all', actorId: admin.id })
		expect(outcome.ok).toBe(false)
		expect(outcome.preview.problems.map((p) => [formatProblem(p), p.kind])).toEqual([
			['第2行 题干：题库中已有相同题干的题目', 'duplicate'],
			['第3行 题干：题库中已有相同题干的题目', 'duplicate'],
			['第7行 题干：与第5行题干重复', 'duplicate'],
		])
		const validOnly = await importBankFile(db, { data: await xlsxOf(second), fileName: 'second.xlsx', mode: 'valid_only', actorId: admin.id })
		expect(validOnly).toMatchObject({ ok: true, imported: 3, skippedRows: [2, 3, 7] })
		expect(await countTagged(db, tag)).toBe(5)
	})

	test('dry run checks everything and writes nothing', async () => {
		const db = await getDb()
		const tag = uniqueTag()
		const outcome = await importBankFile(db, { data: await xlsxOf(questionRows(tag)), fileName: 'dry.xlsx', mode: 'all', actorId: null, dryRun: true })
		expect(outcome).toMatchObject({ ok: true, imported: 0, dryRun: true })
		expect(outcome.preview.valid).toHaveLength(5)
		expect(await countTagged(db, tag)).toBe(0)
	})

	test('a missing required column is a mapping problem, an unreadable file a file error', async () => {
		const db = await getDb()
		const noAnswer = writeCsv(['题型', '专题', '难度', '分值', '题干', '备注'], [['单选', '财政', '1', '1', '题', '1']])
		const outcome = await importBankFile(db, { data: Buffer.from(noAnswer), fileName: 'a.csv', mode: 'all', actorId: null })
		expect(outcome.preview.mappingProblems).toEqual([{ header: null, column: '答案', message: '没有对应“答案”的列：请把答案所在的列对应为答案' }])
		expect(outcome.reason).toBe('列的对应有问题，未导入任何题目：没有对应“答案”的列：请把答案所在的列对应为答案')
		expect(outcome.preview.totalRows).toBe(1)
		expect(outcome.preview.warnings).toEqual(['未识别的列“备注”，导入时将忽略'])
		const broken = await importBankFile(db, { data: Buffer.from('PK broken'), fileName: 'a.xlsx', mode: 'all', actorId: null })
		expect(broken).toMatchObject({ ok: false, reason: '无法读取文件：不是有效的 .xlsx 文件' })
	})

	test('export → import gives the same questions, in xlsx and csv', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		for (const format of ['xlsx', 'csv'] as const) {
			const tag = uniqueTag()
			const rows = questionRows(tag)
			rows[0] = {
				...rows[0],
				解析: '第一行\n第二行，含“引号”, 和逗号',
				法规依据: '《中华人民共和国预算法》第五十七条（生效：2015-01-01；失效：2099-12-31）',
				关联课程: 'budget-101、budget-102',
				关联问题: 'problem-7',
				状态: '停用',
			}
			const imported = await importBankFile(db, { data: await xlsxOf(rows), fileName: 'src.xlsx', mode: 'all', actorId: admin.id })
			expect(imported).toMatchObject({ ok: true, imported: 5 })
			const snapshot = async () =>
				(
					await db.question.findMany({
						where: { currentVersion: { tags: { contains: JSON.stringify(tag) } } },
						select: { status: true, currentVersion: { select: VERSION_CONTENT_SELECT } },
					})
				)
					.map((q) => ({ status: q.status, content: columnsToContent(q.currentVersion!) }))
					.sort((a, b) => a.content.stem.localeCompare(b.content.stem))
			const before = await snapshot()

			const exported = await bankExportFile(db, { tag, flagged: false }, format)
			const readBack = await readSpreadsheet(exported.body, exported.fileName)
			expect(readBack.ok && readBack.rows).toHaveLength(5)
			await db.question.deleteMany({ where: { currentVersion: { tags: { contains: JSON.stringify(tag) } } } })

			const again = await importBankFile(db, { data: exported.body, fileName: exported.fileName, mode: 'all', actorId: admin.id })
			expect(again.preview.problems).toEqual([])
			expect(again).toMatchObject({ ok: true, imported: 5 })
			expect(await snapshot()).toEqual(before)
		}
	})

	test('the downloadable template imports cleanly into a bank without its examples', async () => {
		const db = await getDb()
		for (const format of ['xlsx', 'csv'] as const) {
			const template = await bankTemplateFile(format)
			const outcome = await importBankFile(db, { data: template.body, fileName: template.fileName, mode: 'all', actorId: null, dryRun: true })
			expect(outcome.preview.problems).toEqual([])
			expect(outcome.preview.validByType).toMatchObject({ single: 1, multiple: 1, true_false: 1, fill_blank: 1, short_answer: 1 })
		}
	})

	test('imported questions open for editing with their full content', async () => {
		const db = await getDb()
		const tag = uniqueTag()
		await importBankFile(db, { data: await xlsxOf(questionRows(tag).slice(4)), fileName: 'essay.xlsx', mode: 'all', actorId: null })
		const question = await db.question.findFirstOrThrow({ where: { currentVersion: { tags: { contains: JSON.stringify(tag) } } } })
		const editing = await getQuestionForEditing(db, question.id)
		expect(editing?.content).toMatchObject({ type: 'case_analysis', rubric: '定性 10 分', answerKey: '参考答案', points: 20 })
		expect(editing?.status).toBe('active')
	})
})
