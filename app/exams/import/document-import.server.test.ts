// Each document format through the spreadsheet import's own preview and write, on SQLite and
// PostgreSQL: the fixtures' counts, types and keys, the questions not understood listed, nothing
// written while any is not understood unless the person chose to skip them, and export → import.
import { readFileSync } from 'node:fs'
import { crc32, deflateRawSync } from 'node:zlib'
import { afterEach, expect, test } from 'vitest'
import { createTestUser } from '#app/exams/grading/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { exportBankContents, exportBankMoodleForPerson } from './bank-export-moodle.ts'
import { importQuestionDocument, NOT_UNDERSTOOD_REFUSAL, previewQuestionDocument, readQuestionDocument } from './document-import.server.ts'
import { DOC_REFUSED } from './docx-text.server.ts'

/** A one-entry zip (deflated), enough for a bomb: 80 MB of zeros are a few KB. */
function zipOf(name: string, content: Uint8Array) {
	const data = deflateRawSync(content)
	const crc = crc32(content)
	const nameBytes = Buffer.from(name)
	const local = Buffer.alloc(30)
	local.writeUInt32LE(0x04034b50, 0)
	local.writeUInt16LE(20, 4)
	local.writeUInt16LE(8, 8)
	local.writeUInt32LE(crc, 14)
	local.writeUInt32LE(data.length, 18)
	local.writeUInt32LE(content.length, 22)
	local.writeUInt16LE(nameBytes.length, 26)
	const central = Buffer.alloc(46)
	central.writeUInt32LE(0x02014b50, 0)
	central.writeUInt16LE(20, 4)
	central.writeUInt16LE(20, 6)
	central.writeUInt16LE(8, 10)
	central.writeUInt32LE(crc, 16)
	central.writeUInt32LE(data.length, 20)
	central.writeUInt32LE(content.length, 24)
	central.writeUInt16LE(nameBytes.length, 28)
	const centralOffset = local.length + nameBytes.length + data.length
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(1, 8)
	end.writeUInt16LE(1, 10)
	end.writeUInt32LE(central.length + nameBytes.length, 12)
	end.writeUInt32LE(centralOffset, 16)
	return new Uint8Array(Buffer.concat([local, nameBytes, data, central, nameBytes, end]))
}

/** The bank list's filter with nothing chosen. */
const EVERYTHING = { flagged: false }
const DEFAULTS = { topic: 'general', difficulty: '3', points: '1' }
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/bank-import/${name}`, import.meta.url)))

async function read(fileName: string, data = fixture(fileName)) {
	const result = await readQuestionDocument({ fileName, data }, DEFAULTS)
	if (!result.ok) throw new Error(result.error)
	return result.document
}

describeEachProvider('document import', (getDb) => {
	afterEach(async () => {
		await (await getDb()).question.deleteMany({})
	})

	const cases = [
		{ file: 'questions.docx', found: 9, notUnderstood: ['一、单项选择题 第3题'] },
		{ file: 'paste.txt', found: 14, notUnderstood: ['二、多项选择题 第3题', '五、简答题 第2题'] },
		{ file: 'moodle.xml', found: 13, notUnderstood: ['第3题「权重不等的多选」', '第8题「匹配」', '第9题「数值」', '第10题「含选择的完形填空」', '第11题「计算」', '第12题「拖放填词」', '第13题「说明」'] },
		{ file: 'questions.gift', found: 11, notUnderstood: ['第3题「权重不等」', '第8题「匹配」', '第9题「数值」', '第10题「说明」', '第11题「写错了」（第 41 行）'] },
	]

	for (const { file, found, notUnderstood } of cases) {
		test(`${file}: preview lists the questions not understood; “all” writes nothing; “skip them” writes the rest in one go`, async () => {
			const db = await getDb()
			const admin = await createTestUser(db, { roles: ['admin'] })
			const document = await read(file)
			expect(document.rows.length + document.notUnderstood.length).toBe(found)
			expect(document.notUnderstood.map((q) => q.label)).toEqual(notUnderstood)
			const preview = await previewQuestionDocument(db, document)
			expect(preview.fileError).toBeNull()

			const refused = await importQuestionDocument(db, { document, fileName: file, mode: 'all', actorId: admin.id })
			expect(refused.ok).toBe(false)
			expect(refused.reason).toBe(NOT_UNDERSTOOD_REFUSAL(notUnderstood.length))
			expect(await db.question.count()).toBe(0)

			const written = await importQuestionDocument(db, { document, fileName: file, mode: 'valid_only', actorId: admin.id })
			expect(written.ok).toBe(true)
			expect(written.imported).toBe(preview.valid.length)
			expect(await db.question.count()).toBe(preview.valid.length)
			const audit = await db.auditLog.findFirst({ where: { action: 'bank.import' }, orderBy: { createdAt: 'desc' } })
			expect(audit?.summary).toContain(`从 ${file} 导入 ${preview.valid.length} 道题目`)
		})
	}

	test('the Word fixture: types, keys and the section scores as written, Word numbering counted', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const document = await read('questions.docx')
		const outcome = await importQuestionDocument(db, { document, fileName: 'questions.docx', mode: 'valid_only', actorId: admin.id })
		expect(outcome.imported).toBe(8)
		const contents = await exportBankContents(db, EVERYTHING)
		const byStem = new Map(contents.map((c) => [c.stem, c]))
		expect(byStem.get('部门预算执行审计中，对“三公”经费支出的审计重点是（ ）。')).toMatchObject({ type: 'single', answerKey: 'A', points: 1, options: [{ key: 'A', text: '是否超预算、无预算支出' }, { key: 'B' }, { key: 'C' }] })
		expect(byStem.get('经济责任审计中，领导干部应当承担直接责任的情形有（ ）。')).toMatchObject({ type: 'multiple', answerKey: ['A', 'B'], points: 2 })
		expect(byStem.get('简述预算执行审计中发现“以拨代支”问题后的审计处理思路。')).toMatchObject({ type: 'short_answer', points: 10, answerKey: '1. 核实资金拨付与实际使用情况；\n2. 定性为虚列支出；\n3. 责令调整账目。' })
		expect(byStem.get('表格里的题目也能读出。')).toMatchObject({ type: 'true_false', answerKey: true })
	})

	test('the paste fixture: the answer outside the options is a row problem by the question’s label', async () => {
		const db = await getDb()
		const document = await read('paste.txt')
		const preview = await previewQuestionDocument(db, document)
		expect(preview.problems.map((p) => [document.labels[p.rowNumber], p.column, p.message])).toEqual([['一、单项选择题 第4题', '答案', '答案中的 E 没有对应的选项内容']])
		expect(preview.valid).toHaveLength(11)
	})

	test('a second import of the same document finds every question already in the bank', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const document = await read('moodle.xml')
		await importQuestionDocument(db, { document, fileName: 'moodle.xml', mode: 'valid_only', actorId: admin.id })
		const again = await previewQuestionDocument(db, document)
		expect(again.valid).toHaveLength(0)
		expect(new Set(again.problems.map((p) => p.message))).toEqual(new Set(['题库中已有相同题干的题目']))
	})

	for (const format of ['moodle_xml', 'gift'] as const) {
		test(`export as ${format} then import into an empty bank gives the same questions`, async () => {
			const db = await getDb()
			const admin = await createTestUser(db, { roles: ['admin'] })
			await importQuestionDocument(db, { document: await read('paste.txt'), fileName: 'paste.txt', mode: 'valid_only', actorId: admin.id })
			const before = await exportBankContents(db, EVERYTHING)
			const file = await exportBankMoodleForPerson(db, { actorId: admin.id, filter: EVERYTHING, format })
			expect(file.fileName).toMatch(format === 'gift' ? /\.gift\.txt$/ : /\.xml$/)
			await db.question.deleteMany({})
			const document = await read(file.fileName, new Uint8Array(file.body))
			const expected = format === 'gift' ? before.filter((c) => !(c.type === 'fill_blank' && c.answerKey.length > 1)) : before
			expect(file.skipped).toBe(before.length - expected.length)
			expect(document.notUnderstood).toEqual([])
			await importQuestionDocument(db, { document, fileName: file.fileName, mode: 'all', actorId: admin.id })
			const after = await exportBankContents(db, EVERYTHING)
			const byStem = (list: typeof before) => [...list].sort((a, b) => a.stem.localeCompare(b.stem))
			expect(byStem(after)).toEqual(byStem(expected))
			const audit = await db.auditLog.findFirst({ where: { action: 'bank.export' }, orderBy: { createdAt: 'desc' } })
			expect(audit?.summary).toContain(format === 'gift' ? '格式 GIFT' : '格式 Moodle XML')
		})
	}

	test('a .doc, a renamed non-Word file and a zip bomb are refused in Chinese', async () => {
		expect(await readQuestionDocument({ fileName: '题库.doc', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]) }, DEFAULTS)).toEqual({ ok: false, error: DOC_REFUSED })
		expect(await readQuestionDocument({ fileName: '题库.docx', data: new TextEncoder().encode('not a zip') }, DEFAULTS)).toEqual({ ok: false, error: '无法读取文件：不是有效的 .docx 文件' })
		// A document.xml declaring 80 MB of zeros (compressed to a few KB).
		const bomb = zipOf('word/document.xml', new Uint8Array(80 * 1024 * 1024))
		const refused = await readQuestionDocument({ fileName: 'bomb.docx', data: bomb }, DEFAULTS)
		expect(refused.ok).toBe(false)
		expect(!refused.ok && refused.error).toContain('解压后超过 64 MB')
		expect(await readQuestionDocument({ fileName: '题库.pdf', data: new Uint8Array([1]) }, DEFAULTS)).toMatchObject({ ok: false })
	})
})
