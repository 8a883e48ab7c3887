// Limits for reading an uploaded spreadsheet, and the refusal that carries the Chinese
// message shown next to the upload field (ADR 009). Every limit is checked while the file is
// read, so a hostile file is refused after the first row or megabyte that breaks one, not
// after it has been inflated or laid out in memory.

export const DEFAULT_MAX_ROWS = 20_000
/** The bank sheet has 21 columns; Excel allows 16,384 (XFD). */
export const MAX_COLUMNS = 200
/** Excel's own limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767
/** Bytes inflated from the zip for the parts we read (workbook, styles, strings, first sheet). */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024
/** A CSV line longer than this is not a spreadsheet row anyone typed (200 columns of prose). */
export const MAX_CSV_LINE_CHARS = 1_000_000
/** Zip entries listed in the central directory; an .xlsx has a few dozen. */
export const MAX_ZIP_ENTRIES = 10_000

export const NOT_XLSX = '无法读取文件：不是有效的 .xlsx 文件'

export class SpreadsheetRefusal extends Error {}

export function tooManyRows(maxRows) {
	return new SpreadsheetRefusal(`文件超过 ${maxRows} 行数据，请拆分后分批导入`)
}

export function inflatedTooLarge() {
	return new SpreadsheetRefusal(
		`文件解压后超过 ${MAX_INFLATED_BYTES / 1024 / 1024} MB，无法导入（可能是压缩炸弹，或含有大量与导入无关的内容）。请只保留要导入的数据后另存为新文件再上传。`,
	)
}

export function cellTooLong(where) {
	return new SpreadsheetRefusal(`${where}的内容超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限），请检查文件`)
}

/** 1 -> A, 16384 -> XFD */
export function columnLetters(column) {
	let letters = ''
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
	return letters
}

export function tooManyColumns(rowNumber, column) {
	return new SpreadsheetRefusal(
		`第${rowNumber}行的第 ${column} 列（${columnLetters(column)} 列）有内容，表格最多 ${MAX_COLUMNS} 列。请删除多余的列（包括看似空白但设置过格式或内容的单元格）后重试`,
	)
}

/** Counts bytes as they are inflated; refuses the file once the total passes the limit. */
export class InflateBudget {
	used = 0
	take(bytes) {
		this.used += bytes
		if (this.used > MAX_INFLATED_BYTES) throw inflatedTooLarge()
	}
}
