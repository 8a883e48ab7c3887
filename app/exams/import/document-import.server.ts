// Question banks that are not spreadsheets: a Word document, pasted text, Moodle XML or GIFT
// (issue 15, ADR 027). Each reader gives rows in the canonical columns, and they go through
// the spreadsheet import's own preview and write (previewBankSheet → importBankRows: duplicates,
// validation, one transaction, the audit entry), so every rule stays in one place. What a
// reader could not understand is listed beside the preview; while any question is not
// understood, only the person's explicit "import the rest" writes anything.
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { importBankRows, previewBankSheet, type ImportMode, type ImportOutcome, type ImportPreview, type ImportProgress } from './bank-import.server.ts'
import type { QuestionStatus } from '#app/exams/bank/question-types.ts'
import { BANK_COLUMNS } from './columns.ts'
import { docxToText } from './docx-text.server.ts'
import { parseGift } from './gift.ts'
import { parseMoodleXml } from './moodle-xml.ts'
import { parseQuestionText, type DocumentDefaults, type ParsedDocument } from './text-questions.ts'

export const DOCUMENT_FORMATS = ['docx', 'text', 'moodle_xml', 'gift'] as const
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

export const DOCUMENT_MAX_QUESTIONS = 20_000

/** Which reader a file name asks for; null for one we do not read. */
export function documentFormatOf(fileName: string): DocumentFormat | 'doc' | null {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase()
	switch (extension) {
		case 'docx':
			return 'docx'
		case 'doc':
			return 'doc'
		case 'xml':
			return 'moodle_xml'
		case 'gift':
			return 'gift'
		case 'txt':
			return 'text'
		default:
			return null
	}
}

export type DocumentSource = { fileName: string; data: Uint8Array } | { fileName: string; text: string }

function decodeText(data: Uint8Array): string {
	const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(data)
	// Notepad on Chinese Windows saves GB18030 by default: no replacement characters means UTF-8 was right.
	if (!utf8.includes('\uFFFD')) return utf8
	return new TextDecoder('gb18030').decode(data)
}

export function looksLikeGift(text: string) {
	return /^\s*::[^\n]*::/m.test(text) || /\{\s*(?:[=~]|[TF]\s*\}|TRUE\s*\}|FALSE\s*\})/.test(text)
}

/** Reads a file (or pasted text) into rows; a file that cannot be read at all is an error. */
export async function readQuestionDocument(source: DocumentSource, defaults: DocumentDefaults): Promise<{ ok: true; document: ParsedDocument } | { ok: false; error: string }> {
	let document: ParsedDocument
	if ('text' in source) document = parseQuestionText(source.text, defaults)
	else {
		const format = documentFormatOf(source.fileName)
		switch (format) {
			case 'doc':
			case 'docx': {
				const text = await docxToText(source.data, source.fileName)
				if (!text.ok) return { ok: false, error: text.error }
				document = parseQuestionText(text.text, defaults)
				break
			}
			case 'moodle_xml':
				document = parseMoodleXml(decodeText(source.data), defaults)
				break
			case 'gift':
				document = parseGift(decodeText(source.data), defaults)
				break
			case 'text': {
				// Moodle saves its GIFT export as .txt: “::名称::” or an answer block “{=…}”, “{~…}”, “{T}” marks one.
				const text = decodeText(source.data)
				document = looksLikeGift(text) ? parseGift(text, defaults) : parseQuestionText(text, defaults)
				break
			}
			default:
				return { ok: false, error: '不支持这种文件：请上传 Word（.docx）、Moodle XML（.xml）、GIFT（.gift 或 Moodle 导出的 .txt）或文本（.txt）文件；Excel 表格请用“表格导入”' }
		}
	}
	if (document.rows.length + document.notUnderstood.length > DOCUMENT_MAX_QUESTIONS) {
		return { ok: false, error: `文件超过 ${DOCUMENT_MAX_QUESTIONS} 道题目，请拆分后分批导入` }
	}
	if (document.rows.length + document.notUnderstood.length === 0) {
		return { ok: false, error: document.warnings.at(-1) ?? '文件中没有找到题目' }
	}
	return { ok: true, document }
}

/** The rows as the sheet the spreadsheet import reads: canonical headers, cells by header. */
function asSheet(document: ParsedDocument) {
	return {
		headers: [...BANK_COLUMNS],
		rows: document.rows.map((row) => ({ rowNumber: row.rowNumber, cells: row.cells as Record<string, string> })),
	}
}

export type DocumentPreview = { document: ParsedDocument; preview: ImportPreview }

export async function previewQuestionDocument(db: DbOrTx, document: ParsedDocument, onProgress?: (progress: ImportProgress) => void): Promise<ImportPreview> {
	if (document.rows.length === 0) {
		// Nothing understood: an empty preview of the same shape, with the document's warnings.
		const empty = await previewBankSheet(db, { headers: [...BANK_COLUMNS], rows: [] })
		return { ...empty, fileError: null, warnings: document.warnings }
	}
	const preview = await previewBankSheet(db, asSheet(document), onProgress)
	return { ...preview, warnings: [...document.warnings, ...preview.warnings] }
}

export const NOT_UNDERSTOOD_REFUSAL = (count: number) => `${count} 道题目无法识别，未导入任何题目。请修改后重新导入，或选择“只导入能识别且无误的题目”。`

export async function importQuestionDocument(
	db: Db,
	{
		document,
		fileName,
		mode,
		defaultStatus,
		actorId,
		dryRun = false,
		onProgress,
	}: { document: ParsedDocument; fileName: string; mode: ImportMode; defaultStatus?: QuestionStatus; actorId: string | null; dryRun?: boolean; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportOutcome> {
	if (mode === 'all' && document.notUnderstood.length > 0) {
		const preview = await previewQuestionDocument(db, document, onProgress)
		return { ok: false, preview, reason: NOT_UNDERSTOOD_REFUSAL(document.notUnderstood.length), imported: 0, skippedRows: document.notUnderstood.map((q) => q.rowNumber), dryRun }
	}
	if (document.rows.length === 0) {
		const preview = await previewQuestionDocument(db, document, onProgress)
		return { ok: false, preview, reason: '没有可导入的题目', imported: 0, skippedRows: document.notUnderstood.map((q) => q.rowNumber), dryRun }
	}
	const outcome = await importBankRows(db, { sheet: asSheet(document), fileName, mode, defaultStatus, actorId, dryRun, onProgress })
	return {
		...outcome,
		preview: { ...outcome.preview, warnings: [...document.warnings, ...outcome.preview.warnings] },
		skippedRows: [...new Set([...outcome.skippedRows, ...document.notUnderstood.map((q) => q.rowNumber)])].sort((a, b) => a - b),
	}
}

export type { DocumentDefaults, ParsedDocument }
