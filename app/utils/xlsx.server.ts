// Spreadsheet in and out, for every import and export (question bank, users, statistics).
// Reading gives header-keyed text cells with the row number a person sees in Excel, so
// errors can say 第N行; writing gives an .xlsx (or a CSV Excel opens as UTF-8).
import ExcelJS from 'exceljs'
import Papa from 'papaparse'

export type SpreadsheetRow = {
	/** 1-based row number as shown in Excel (the header is row 1). */
	rowNumber: number
	/** Cell text by header name; missing cells are ''. */
	cells: Record<string, string>
}

export type SpreadsheetReadResult =
	| { ok: true; headers: string[]; rows: SpreadsheetRow[] }
	| { ok: false; error: string }

export type SpreadsheetFormat = 'xlsx' | 'csv'

export const DEFAULT_MAX_ROWS = 20_000

export function spreadsheetFormatOf(fileName: string): SpreadsheetFormat | null {
	const lower = fileName.toLowerCase()
	if (lower.endsWith('.xlsx')) return 'xlsx'
	if (lower.endsWith('.csv')) return 'csv'
	return null
}

function formatDateCell(date: Date) {
	const iso = date.toISOString()
	// Excel date-only cells arrive as UTC midnight; keep the time only when there is one.
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return ''
	if (typeof value === 'string') return value
	if (typeof value === 'number') return String(value)
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
	if (value instanceof Date) return formatDateCell(value)
	if ('richText' in value) return value.richText.map((part) => part.text).join('')
	if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
	if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue)
	if ('error' in value) return String(value.error)
	return ''
}

function collectRows(headerCells: string[], records: { rowNumber: number; values: string[] }[], maxRows: number): SpreadsheetReadResult {
	const headers = headerCells.map((h) => h.trim())
	while (headers.length && headers[headers.length - 1] === '') headers.pop()
	if (headers.length === 0) return { ok: false, error: '第1行须为表头（列名），但它是空的' }
	const seen = new Set<string>()
	for (const header of headers) {
		if (header && seen.has(header)) return { ok: false, error: `表头中“${header}”列出现了两次` }
		seen.add(header)
	}
	const rows: SpreadsheetRow[] = []
	for (const record of records) {
		if (record.values.every((v) => v.trim() === '')) continue
		if (rows.length >= maxRows) return { ok: false, error: `文件超过 ${maxRows} 行数据，请拆分后分批导入` }
		const cells: Record<string, string> = {}
		headers.forEach((header, index) => {
			if (header) cells[header] = record.values[index] ?? ''
		})
		rows.push({ rowNumber: record.rowNumber, cells })
	}
	return { ok: true, headers: headers.filter(Boolean), rows }
}

async function readXlsx(data: Buffer, maxRows: number): Promise<SpreadsheetReadResult> {
	const workbook = new ExcelJS.Workbook()
	try {
		await workbook.xlsx.load(data as unknown as ExcelJS.Buffer)
	} catch {
		return { ok: false, error: '无法读取文件：不是有效的 .xlsx 文件' }
	}
	const sheet = workbook.worksheets[0]
	if (!sheet || sheet.rowCount === 0) return { ok: false, error: '文件中没有数据' }
	const width = sheet.columnCount
	const valuesOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value))
	const headerCells = valuesOf(sheet.getRow(1))
	const records: { rowNumber: number; values: string[] }[] = []
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		if (rowNumber > 1) records.push({ rowNumber, values: valuesOf(row) })
	})
	return collectRows(headerCells, records, maxRows)
}

/** UTF-8 (with or without BOM) first; Chinese Excel saves CSV as GB18030, so fall back to it. */
export function decodeCsvBytes(data: Uint8Array) {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '')
	} catch {
		return new TextDecoder('gb18030').decode(data)
	}
}

function readCsv(data: Buffer, maxRows: number): SpreadsheetReadResult {
	const parsed = Papa.parse<string[]>(decodeCsvBytes(data), { skipEmptyLines: false })
	const fatal = parsed.errors.find((e) => e.type === 'Quotes')
	if (fatal) return { ok: false, error: `CSV 第${(fatal.row ?? 0) + 1}行引号不成对，请检查该行` }
	const [headerCells, ...body] = parsed.data
	if (!headerCells) return { ok: false, error: '文件中没有数据' }
	return collectRows(
		headerCells,
		body.map((values, index) => ({ rowNumber: index + 2, values: values.map(unescapeCsvFormula) })),
		maxRows,
	)
}

export async function readSpreadsheet(
	data: Buffer | Uint8Array | ArrayBuffer,
	fileName: string,
	{ maxRows = DEFAULT_MAX_ROWS }: { maxRows?: number } = {},
): Promise<SpreadsheetReadResult> {
	const format = spreadsheetFormatOf(fileName)
	if (!format) return { ok: false, error: '只支持 .xlsx 或 .csv 文件' }
	const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data)
	return format === 'xlsx' ? readXlsx(buffer, maxRows) : readCsv(buffer, maxRows)
}

export type SheetColumn = {
	header: string
	/** Width in characters; CJK text needs about two per character. */
	width?: number
	/** Keep typed values as text in Excel (answers like 1,2 or T would otherwise be converted). */
	text?: boolean
}

export type SheetSpec = {
	name: string
	columns: SheetColumn[]
	rows: (string | number | null)[][]
}

export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	workbook.created = new Date()
	for (const spec of sheets) {
		const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] })
		sheet.columns = spec.columns.map((column) => ({
			header: column.header,
			width: column.width ?? Math.max(10, column.header.length * 2 + 4),
			style: column.text ? { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } } : { alignment: { vertical: 'top' } },
		}))
		sheet.getRow(1).font = { bold: true }
		for (const row of spec.rows) sheet.addRow(row.map((value) => value ?? ''))
	}
	return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * A text cell Excel (or LibreOffice, WPS) would run as a formula when it opens a CSV: it starts
 * with = + - @, a tab or a carriage return (OWASP "CSV injection"). Papaparse's own
 * `escapeFormulae: true` pattern ends in `.*$` without the s flag, so a cell with a line break
 * after `=HYPERLINK(…)` slips through; this one looks at the first character only (ADR 009).
 */
export const FORMULA_LEADING = /^[=+\-@\t\r]/

/**
 * CSV with a BOM so Excel opens it as UTF-8. Text cells that would run as a formula get a
 * leading apostrophe, which Excel shows as plain text; readCsv takes it off again, so an
 * exported bank imports back unchanged. Numbers (a negative score) are written as they are.
 */
export function writeCsv(headers: string[], rows: (string | number | null)[][]): string {
	const data = rows.map((row) => row.map((value) => value ?? ''))
	return `\uFEFF${Papa.unparse({ fields: headers, data }, { newline: '\r\n', escapeFormulae: FORMULA_LEADING })}`
}

/** The reverse of writeCsv's formula escape: `'=1+1` read from a CSV is the text `=1+1`. */
export function unescapeCsvFormula(cell: string) {
	return cell.startsWith("'") && FORMULA_LEADING.test(cell.slice(1)) ? cell.slice(1) : cell
}
