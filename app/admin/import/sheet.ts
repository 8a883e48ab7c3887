// Reading an uploaded sheet for an import: file format, row limit and required columns.
import { readSpreadsheet, type SpreadsheetRow } from '#app/utils/xlsx.server.ts'
import { IMPORT_MAX_ROWS, type ImportKind, type ImportPreview, type RowProblem } from './types.ts'

export type UploadedFile = { data: Uint8Array | ArrayBuffer | Buffer; fileName: string }

export type ColumnSpec = { header: string; required: boolean }

export async function readImportSheet(
	kind: ImportKind,
	file: UploadedFile,
	columns: readonly ColumnSpec[],
): Promise<{ ok: true; rows: SpreadsheetRow[] } | { ok: false; problem: string }> {
	const sheet = await readSpreadsheet(file.data, file.fileName, { maxRows: IMPORT_MAX_ROWS[kind] })
	if (!sheet.ok) return { ok: false, problem: sheet.error }
	const missing = columns.filter((c) => c.required && !sheet.headers.includes(c.header)).map((c) => `“${c.header}”`)
	if (missing.length) {
		return { ok: false, problem: `第1行表头缺少 ${missing.join('、')} 列，请使用下载的模板（表头须为：${columns.map((c) => c.header).join('、')}）` }
	}
	if (sheet.rows.length === 0) return { ok: false, problem: '表格中除表头外没有数据行' }
	return { ok: true, rows: sheet.rows }
}

export function fileProblemPreview(kind: ImportKind, fileName: string, problem: string, columns: string[]): ImportPreview {
	return { kind, fileName, totalRows: 0, fileProblems: [problem], problems: [], table: { columns, rows: [] } }
}

/** Collects messages per row, keeping rows in sheet order. */
export class ProblemList {
	private byRow = new Map<number, string[]>()

	add(rowNumber: number, message: string) {
		const list = this.byRow.get(rowNumber) ?? []
		list.push(message)
		this.byRow.set(rowNumber, list)
	}

	has(rowNumber: number) {
		return this.byRow.has(rowNumber)
	}

	list(): RowProblem[] {
		return [...this.byRow.entries()].sort(([a], [b]) => a - b).map(([rowNumber, messages]) => ({ rowNumber, messages }))
	}
}

/** Calls `report` at most about `steps` times over `total` units of work. */
export function progressTicker(total: number, report: (done: number) => void | Promise<void>, steps = 100) {
	const every = Math.max(1, Math.floor(total / steps))
	return async (done: number) => {
		if (done === total || done % every === 0) await report(done)
	}
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = []
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
	return out
}
