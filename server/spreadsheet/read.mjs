// Reads an uploaded .xlsx or .csv into header-keyed text cells, with every limit checked while
// reading (ADR 009). Runs in whatever thread calls it; the app calls it through worker.mjs so
// a slow or hostile file never holds up other requests.
import { readCsv } from './read-csv.mjs'
import { readXlsx } from './read-xlsx.mjs'

export { DEFAULT_MAX_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_CSV_LINE_CHARS, MAX_INFLATED_BYTES, NOT_XLSX } from './limits.mjs'
export { decodeCsvBytes, FORMULA_LEADING, unescapeCsvFormula } from './read-csv.mjs'

export function spreadsheetFormatOf(fileName) {
	const lower = fileName.toLowerCase()
	if (lower.endsWith('.xlsx')) return 'xlsx'
	if (lower.endsWith('.csv')) return 'csv'
	return null
}

export async function readSpreadsheetHere(data, fileName, maxRows) {
	const format = spreadsheetFormatOf(fileName)
	if (!format) return { ok: false, error: '只支持 .xlsx 或 .csv 文件' }
	const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
	return format === 'xlsx' ? readXlsx(buffer, maxRows) : readCsv(buffer, maxRows)
}
