// Spreadsheet in and out, for every import and export (question bank, users, statistics).
// Reading gives header-keyed text cells with the row number a person sees in Excel, so
// errors can say 第N行; writing gives an .xlsx (or a CSV Excel opens as UTF-8).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { readInOneShotWorker } from './one-shot-worker.server.ts'
import { DEFAULT_MAX_ROWS, FORMULA_LEADING, spreadsheetFormatOf, type SpreadsheetReadResult } from '../../server/spreadsheet/read.mjs'

export type { SpreadsheetFormat, SpreadsheetReadResult, SpreadsheetRow } from '../../server/spreadsheet/read.mjs'
export { DEFAULT_MAX_ROWS, decodeCsvBytes, FORMULA_LEADING, spreadsheetFormatOf, unescapeCsvFormula } from '../../server/spreadsheet/read.mjs'

/** A file that takes longer than this to read is refused; its worker is ended. */
export const READ_TIME_LIMIT_MS = 60_000

const READ_LIMITS = {
	timeLimitMs: READ_TIME_LIMIT_MS,
	/** The reading thread's heap cap: a file that slips past every check cannot take the server's memory. */
	heapMb: 192,
	timedOut: '读取文件超时，文件可能过大或结构异常。请拆分后分批导入。',
	outOfMemory: '文件过大或结构异常，读取时超出内存上限，未导入任何数据。请拆分后分批导入。',
}

/**
 * The worker script lives in server/ as plain JavaScript so every runtime can start it without
 * compiling: vitest and tsx (this file, app/utils/) and the built server (build/server/), both two
 * levels below the project root. Vite leaves `new URL(…, import.meta.url)` alone in server
 * code, so the second candidate covers a server bundle laid out differently.
 */
function workerScript() {
	const candidates = [new URL('../../server/spreadsheet/worker.mjs', import.meta.url), pathToFileURL(path.resolve('server/spreadsheet/worker.mjs'))]
	const found = candidates.find((url) => existsSync(url))
	if (!found) throw new Error(`spreadsheet worker not found (looked at ${candidates.map(String).join(', ')})`)
	return found
}

/**
 * Reads an uploaded .xlsx or .csv in a worker thread (ADR 009): rows, columns, cell length and
 * inflated bytes are checked while reading, and a file that breaks a limit is refused with a
 * Chinese message (`ok: false`), never a stalled server.
 */
export async function readSpreadsheet(
	data: Buffer | Uint8Array | ArrayBuffer,
	fileName: string,
	{ maxRows = DEFAULT_MAX_ROWS }: { maxRows?: number } = {},
): Promise<SpreadsheetReadResult> {
	if (!spreadsheetFormatOf(fileName)) return { ok: false, error: '只支持 .xlsx 或 .csv 文件' }
	const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data
	// A copy the worker owns: the caller's bytes may be a view into a larger pooled buffer.
	const copy = new Uint8Array(bytes)
	return readInOneShotWorker<SpreadsheetReadResult>({ filename: workerScript() }, { data: copy.buffer, fileName, maxRows }, [copy.buffer], READ_LIMITS)
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
 * CSV with a BOM so Excel opens it as UTF-8. Text cells that would run as a formula get a
 * leading apostrophe, which Excel shows as plain text; readCsv takes it off again, so an
 * exported bank imports back unchanged. Numbers (a negative score) are written as they are.
 */
export function writeCsv(headers: string[], rows: (string | number | null)[][]): string {
	const data = rows.map((row) => row.map((value) => value ?? ''))
	return `\uFEFF${Papa.unparse({ fields: headers, data }, { newline: '\r\n', escapeFormulae: FORMULA_LEADING })}`
}
