// The file field of every spreadsheet import (people, units, pairings, questions): one .xlsx
// or .csv under the import's size limit. Isomorphic (ADR 070): the import page checks the
// chosen file with it before uploading, and the upload's action checks it again.
import { z } from 'zod'

export const IMPORT_FILE_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'

export function importTooLargeMessage(maxBytes: number) {
	return `文件超过 ${maxBytes / 1024 / 1024} MB，请拆分后分批导入`
}

/** conform hands an empty file input over as undefined: that is "no file chosen". */
export function importFileSchema(maxBytes: number) {
	return z
		.instanceof(File, { error: '请先选择文件' })
		.refine((file) => file.size > 0, { error: '请选择要导入的 .xlsx 或 .csv 文件' })
		.refine((file) => file.size <= maxBytes, { error: importTooLargeMessage(maxBytes) })
}
