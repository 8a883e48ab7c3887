// Rows as they are read, from either format: row 1 is the header, blank rows are skipped
// (later rows keep the numbers a person sees in Excel), and the row limit is checked as each
// row arrives.
import { SpreadsheetRefusal, tooManyRows } from './limits.mjs'

export class RowCollector {
	/** @param {number} maxRows */
	constructor(maxRows) {
		this.maxRows = maxRows
		/** @type {string[] | null} */
		this.headerCells = null
		/** @type {{ rowNumber: number; values: string[] }[]} */
		this.records = []
		this.sawAnyRow = false
	}

	/** @param {number} rowNumber 1-based, as in Excel @param {string[]} values by column */
	add(rowNumber, values) {
		this.sawAnyRow = true
		if (rowNumber === 1) {
			this.headerCells = values
			return
		}
		if (values.every((value) => value.trim() === '')) return
		if (this.records.length >= this.maxRows) throw tooManyRows(this.maxRows)
		this.records.push({ rowNumber, values })
	}

	/** @returns {import('./read.d.mts').SpreadsheetReadResult} */
	finish() {
		if (!this.sawAnyRow) return { ok: false, error: '文件中没有数据' }
		const headers = (this.headerCells ?? []).map((cell) => cell.trim())
		while (headers.length && headers[headers.length - 1] === '') headers.pop()
		if (headers.length === 0) return { ok: false, error: '第1行须为表头（列名），但它是空的' }
		const seen = new Set()
		for (const header of headers) {
			if (header && seen.has(header)) return { ok: false, error: `表头中“${header}”列出现了两次` }
			seen.add(header)
		}
		const rows = this.records.map(({ rowNumber, values }) => {
			/** @type {Record<string, string>} */
			const cells = {}
			headers.forEach((header, index) => {
				if (header) cells[header] = values[index] ?? ''
			})
			return { rowNumber, cells }
		})
		return { ok: true, headers: headers.filter(Boolean), rows }
	}
}

export { SpreadsheetRefusal }
