// Bureaus' own spreadsheet layouts (issue 15, ADR 026) through the real preview and import, on
// SQLite and PostgreSQL. Fixtures: tests/fixtures/bank-import/ (make-spreadsheets.ts writes them).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { createTestUser } from '#app/exams/grading/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { formatProblem, importBankFile } from './bank-import.server.ts'
import { summarisePreview } from './import-events.ts'

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../../tests/fixtures/bank-import', name))

describeEachProvider('foreign spreadsheet layouts', (getDb) => {
	test('the public set (id,question,A,B,C,D,answer): 共 100 行, the missing columns named, then all 100 with defaults', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const data = fixture('audit-100.csv')
		const bare = await importBankFile(db, { data, fileName: 'audit-100.csv', mode: 'all', actorId: admin.id, dryRun: true })
		expect(bare.ok).toBe(false)
		expect(bare.preview.totalRows).toBe(100)
		expect(bare.preview.mapping.map((m) => `${m.header}→${m.column}`)).toEqual(['id→ignore', 'question→题干', 'A→选项A', 'B→选项B', 'C→选项C', 'D→选项D', 'answer→答案'])
		expect(bare.preview.warnings).toEqual([])
		expect(bare.preview.mappingProblems.map((p) => p.column)).toEqual(['专题', '难度', '分值'])
		expect(bare.reason).toContain('文件中没有“专题”列：请把某一列对应为专题，或选择默认专题')

		const settings = { defaults: { topic: 'fiscal' as const, difficulty: 3, points: 1 } }
		const dry = await importBankFile(db, { data, fileName: 'audit-100.csv', mode: 'all', actorId: admin.id, dryRun: true, settings })
		expect(dry.preview.problems).toEqual([])
		expect(dry.preview.valid).toHaveLength(100)
		expect(dry.preview.validByType.single).toBe(100)
		expect(dry.preview.valid.every((row) => row.typeInferred)).toBe(true)
		const summary = summarisePreview(dry.preview, 'audit-100.csv')
		expect(summary.sample[1]).toMatchObject({ rowNumber: 3, type: '单选', typeInferred: true, topic: '财政', difficulty: 3, answer: 'C', options: ['A. 全国人大常委会委员长', 'B. 国家主席', 'C. 国务院总理', 'D. 最高人民检察院检察长'] })

		const done = await importBankFile(db, { data, fileName: 'audit-100.csv', mode: 'all', actorId: admin.id, settings })
		expect(done).toMatchObject({ ok: true, imported: 100 })
		const stored = await db.question.findMany({ where: { currentVersion: { stem: { startsWith: '审计署审计长的提名人' } } }, select: { type: true, topic: true, difficulty: true, currentVersion: { select: { answerKey: true, points: true } } } })
		expect(stored).toEqual([{ type: 'single', topic: 'fiscal', difficulty: 3, currentVersion: { answerKey: '"C"', points: 1 } }])
	})

	test('序号/试题内容/选项 in one cell/正确答案/答案解析/题目类型: options split, types read; ignoring 题目类型 infers them', async () => {
		const db = await getDb()
		const data = fixture('all-options-in-one.xlsx')
		const settings = { defaults: { topic: 'general' as const, difficulty: 2, points: 2 } }
		const read = await importBankFile(db, { data, fileName: 'b.xlsx', mode: 'all', actorId: null, dryRun: true, settings })
		expect(read.preview.mapping.map((m) => `${m.header}→${m.column}`)).toEqual(['序号→ignore', '试题内容→题干', '选项→选项', '正确答案→答案', '答案解析→解析', '题目类型→题型'])
		expect(read.preview.problems.map(formatProblem)).toEqual([])
		expect(read.preview.validByType).toEqual({ single: 2, multiple: 2, true_false: 3, fill_blank: 1, short_answer: 1, case_analysis: 1 })
		const byRow = new Map(read.preview.valid.map((row) => [row.rowNumber, row.content]))
		expect(byRow.get(3)).toMatchObject({ type: 'multiple', answerKey: ['A', 'B', 'C'], options: [{ key: 'A', text: '贯彻执行重大经济方针政策情况' }, { key: 'B' }, { key: 'C' }, { key: 'D', text: '个人兴趣爱好' }] })
		expect(byRow.get(9)).toMatchObject({ type: 'single', answerKey: 'D', options: [{ text: '充分性' }, { text: '适当性' }, { text: '相关性' }, { text: '随意性' }] })
		expect(byRow.get(5)).toMatchObject({ type: 'true_false', answerKey: false })
		expect(read.preview.valid.some((row) => row.typeInferred)).toBe(false)

		const mapping = read.preview.mapping.map(({ header, column }) => ({ header, column: header === '题目类型' ? ('ignore' as const) : column }))
		const inferred = await importBankFile(db, { data, fileName: 'b.xlsx', mode: 'all', actorId: null, dryRun: true, settings: { ...settings, mapping } })
		expect(inferred.preview.problems).toEqual([])
		// The case study has no options and a long answer: inferred as 简答 (案例分析 is never inferred).
		expect(inferred.preview.validByType).toEqual({ single: 2, multiple: 2, true_false: 3, fill_blank: 1, short_answer: 2, case_analysis: 0 })
		expect(inferred.preview.valid.every((row) => row.typeInferred)).toBe(true)
	})

	test('a mapping the person changed: a column twice is refused, a re-pointed column is read', async () => {
		const db = await getDb()
		const data = fixture('options-by-column.xlsx')
		const twice = await importBankFile(db, {
			data,
			fileName: 'c.xlsx',
			mode: 'all',
			actorId: null,
			dryRun: true,
			settings: { mapping: [{ header: '分数', column: '难度' }] },
		})
		expect(twice.preview.mappingProblems.map((p) => p.message)).toEqual(['“难度”已对应“分数”列，一个字段只能对应一列', '文件中没有“分值”列：请把某一列对应为分值，或选择默认分值'])
		expect(twice.preview.totalRows).toBe(12)

		const ignored = await importBankFile(db, { data, fileName: 'c.xlsx', mode: 'all', actorId: null, dryRun: true, settings: { mapping: [{ header: '分数', column: 'ignore' }], defaults: { points: 5 } } })
		expect(ignored.preview.mappingProblems).toEqual([])
		expect(ignored.preview.problems.find((p) => p.rowNumber === 2)).toBeUndefined()
		expect(ignored.preview.valid.every((row) => row.content.points === 5)).toBe(true)
	})
	test('题目/选项A–E/参考答案/分数/知识点/难度（1-5）, no type column: mixed types inferred, bad rows named by row and the file’s column', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const data = fixture('options-by-column.xlsx')
		const refused = await importBankFile(db, { data, fileName: 'c.xlsx', mode: 'all', actorId: admin.id })
		expect(refused).toMatchObject({ ok: false, reason: '4 行有问题，未导入任何题目。请修改后重新导入，或选择“只导入无误的行”。' })
		expect(refused.preview.mappingProblems).toEqual([])
		expect(refused.preview.totalRows).toBe(12)
		expect(refused.preview.problems.map(formatProblem)).toEqual([
			'第6行 “知识点”列（专题）：专题“内部控制”无法识别，可填：财政、经责、固投、综合、大数据审计、党建与廉政、通用',
			'第7行 “参考答案”列（答案）：答案中的 F 没有对应的选项内容',
			'第8行 “难度（1-5）”列（难度）：难度须为 1–5 的整数',
			'第9行 “题目”列（题干）：请填写题干',
		])
		expect(refused.preview.validByType).toEqual({ single: 1, multiple: 3, true_false: 2, fill_blank: 1, short_answer: 1, case_analysis: 0 })

		const done = await importBankFile(db, { data, fileName: 'c.xlsx', mode: 'valid_only', actorId: admin.id })
		expect(done).toMatchObject({ ok: true, imported: 8, skippedRows: [6, 7, 8, 9] })
		const tf = await db.question.findFirstOrThrow({ where: { currentVersion: { stem: '领导干部应当带头遵守廉洁自律规定。' } }, select: { type: true, topic: true, difficulty: true, currentVersion: { select: { answerKey: true, options: true } } } })
		expect(tf).toEqual({ type: 'true_false', topic: 'party_integrity', difficulty: 1, currentVersion: { answerKey: 'true', options: '[]' } })
	})

})
