import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import Papa from 'papaparse'
import { readSpreadsheet, writeCsv, writeXlsx } from './xlsx.server.ts'

const columns = [{ header: '姓名' }, { header: '答案', text: true }, { header: '分值' }]

describe('xlsx', () => {
	test('rows written are read back by header, with Excel row numbers', async () => {
		const file = await writeXlsx([{ name: '题目', columns, rows: [['张三', 'A,C', 2], ['李四', '正确', 1.5]] }])
		const result = await readSpreadsheet(file, 'bank.xlsx')
		expect(result).toEqual({
			ok: true,
			headers: ['姓名', '答案', '分值'],
			rows: [
				{ rowNumber: 2, cells: { 姓名: '张三', 答案: 'A,C', 分值: '2' } },
				{ rowNumber: 3, cells: { 姓名: '李四', 答案: '正确', 分值: '1.5' } },
			],
		})
	})

	test('blank rows are skipped but later rows keep their real numbers; typed cells become text', async () => {
		const workbook = new ExcelJS.Workbook()
		const sheet = workbook.addWorksheet('Sheet1')
		sheet.addRow(['题干', '答案', '日期', '公式'])
		sheet.addRow(['第一题', true, new Date(Date.UTC(2024, 0, 31)), { formula: '1+1', result: 2 }])
		sheet.addRow([])
		sheet.addRow([{ richText: [{ text: '富' }, { text: '文本' }] }, 'B', null, null])
		const result = await readSpreadsheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.XLSX')
		expect(result.ok && result.rows).toEqual([
			{ rowNumber: 2, cells: { 题干: '第一题', 答案: 'TRUE', 日期: '2024-01-31', 公式: '2' } },
			{ rowNumber: 4, cells: { 题干: '富文本', 答案: 'B', 日期: '', 公式: '' } },
		])
	})

	test('a file that is not a workbook is refused with a reason', async () => {
		expect(await readSpreadsheet(Buffer.from('not a zip'), 'bank.xlsx')).toEqual({ ok: false, error: '无法读取文件：不是有效的 .xlsx 文件' })
		expect(await readSpreadsheet(Buffer.from('a,b'), 'bank.xls')).toEqual({ ok: false, error: '只支持 .xlsx 或 .csv 文件' })
	})

	test('the row limit is enforced', async () => {
		const file = await writeXlsx([{ name: 'S', columns, rows: [['a', 'b', 1], ['c', 'd', 2], ['e', 'f', 3]] }])
		expect(await readSpreadsheet(file, 'a.xlsx', { maxRows: 2 })).toEqual({ ok: false, error: '文件超过 2 行数据，请拆分后分批导入' })
	})
})

describe('csv', () => {
	test('UTF-8 with BOM, quoted cells with commas and line breaks', async () => {
		const text = writeCsv(['题干', '答案'], [['含有,逗号', '第一行\n第二行'], ['第二题', 'B']])
		expect(text.startsWith('\uFEFF')).toBe(true)
		const result = await readSpreadsheet(Buffer.from(text, 'utf8'), 'a.csv')
		expect(result).toEqual({
			ok: true,
			headers: ['题干', '答案'],
			rows: [
				{ rowNumber: 2, cells: { 题干: '含有,逗号', 答案: '第一行\n第二行' } },
				{ rowNumber: 3, cells: { 题干: '第二题', 答案: 'B' } },
			],
		})
	})

	test('GB18030 files saved by Chinese Excel are decoded', async () => {
		// "题干,答案\r\n单选,B\r\n" in GB18030
		const gbk = Buffer.from('CCE2B8C92CB4F0B0B80D0AB5A5D1A12C420D0A', 'hex')
		const result = await readSpreadsheet(gbk, 'legacy.csv')
		expect(result).toEqual({ ok: true, headers: ['题干', '答案'], rows: [{ rowNumber: 2, cells: { 题干: '单选', 答案: 'B' } }] })
	})

	test('cells a spreadsheet would run as a formula are written with an apostrophe and read back as they were', async () => {
		const hostile = ['=HYPERLINK("http://evil.example","点此")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '\t=1+1', '\r=1+1', '=1+1\n第二行']
		const text = writeCsv(['题干', '分值'], [...hostile.map((cell) => [cell, 1]), ['普通文本', -2]])
		const raw = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1)
		expect(raw.map((row) => row[0])).toEqual([...hostile.map((cell) => `'${cell}`), '普通文本'])
		// A number is a value, not a formula: -2 stays -2.
		expect(raw.at(-1)).toEqual(['普通文本', '-2'])
		const result = await readSpreadsheet(Buffer.from(text, 'utf8'), 'a.csv')
		expect(result.ok && result.rows.map((row) => row.cells['题干'])).toEqual([...hostile, '普通文本'])
	})

	test('duplicate headers and an empty header row are refused', async () => {
		expect(await readSpreadsheet(Buffer.from('答案,答案\n1,2'), 'a.csv')).toEqual({ ok: false, error: '表头中“答案”列出现了两次' })
		expect(await readSpreadsheet(Buffer.from(',\n1,2'), 'a.csv')).toEqual({ ok: false, error: '第1行须为表头（列名），但它是空的' })
	})
})
