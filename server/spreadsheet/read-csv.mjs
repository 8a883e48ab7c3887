// CSV uploads (ADR 009): decoded as UTF-8 or GB18030, each physical line's length checked
// before parsing (a line of ten million commas would otherwise become a ten-million-cell row
// before anything could look at it), then parsed row by row with the row, column and cell
// limits checked as each row arrives.
import Papa from 'papaparse'
import { cellTooLong, MAX_CELL_CHARS, MAX_COLUMNS, MAX_CSV_LINE_CHARS, SpreadsheetRefusal, tooManyColumns } from './limits.mjs'
import { RowCollector } from './rows.mjs'

/** UTF-8 (with or without BOM) first; Chinese Excel saves CSV as GB18030, so fall back to it. */
export function decodeCsvBytes(data) {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '')
	} catch {
		return new TextDecoder('gb18030').decode(data)
	}
}

/** Cells that would run as a formula, as writeCsv escapes them (ADR 009). */
export const FORMULA_LEADING = /^[=+\-@\t\r]/

/** The reverse of the export's formula escape: `'=1+1` read from a CSV is the text `=1+1`. */
export function unescapeCsvFormula(cell) {
	return cell.startsWith("'") && FORMULA_LEADING.test(cell.slice(1)) ? cell.slice(1) : cell
}

function checkLineLengths(text) {
	let start = 0
	for (let line = 1; start < text.length; line++) {
		const end = text.indexOf('\n', start)
		const stop = end === -1 ? text.length : end
		if (stop - start > MAX_CSV_LINE_CHARS) {
			throw new SpreadsheetRefusal(`CSV 文件第 ${line} 行（按换行计）超过 ${MAX_CSV_LINE_CHARS / 10_000} 万个字符，不是可导入的表格，请检查文件`)
		}
		start = stop + 1
	}
}

/** @returns {import('./read.d.mts').SpreadsheetReadResult} */
export function readCsv(buffer, maxRows) {
	const text = decodeCsvBytes(buffer)
	const rows = new RowCollector(maxRows)
	try {
		checkLineLengths(text)
		let rowNumber = 0
		let quoteError = null
		let refusal = null
		Papa.parse(text, {
			skipEmptyLines: false,
			step(result, parser) {
				rowNumber++
				const bad = result.errors.find((e) => e.type === 'Quotes')
				if (bad) {
					quoteError = rowNumber
					return parser.abort()
				}
				const values = result.data
				try {
					if (values.length > MAX_COLUMNS) {
						const last = values.findLastIndex((value) => value.trim() !== '')
						if (last + 1 > MAX_COLUMNS) throw tooManyColumns(rowNumber, last + 1)
					}
					const long = values.findIndex((value) => value.length > MAX_CELL_CHARS)
					if (long !== -1) throw cellTooLong(`第${rowNumber}行第 ${long + 1} 列`)
					rows.add(rowNumber, values.slice(0, MAX_COLUMNS).map(unescapeCsvFormula))
				} catch (error) {
					refusal = error
					parser.abort()
				}
			},
		})
		if (refusal) throw refusal
		if (quoteError !== null) return { ok: false, error: `CSV 第${quoteError}行引号不成对，请检查该行` }
		return rows.finish()
	} catch (error) {
		if (error instanceof SpreadsheetRefusal) return { ok: false, error: error.message }
		throw error
	}
}
