// Question banks that are not spreadsheets: a Word document, pasted text, Moodle XML or GIFT
// (issue 15, ADR 027). Each reader gives rows in the canonical columns, and they go through
// the spreadsheet import's own preview and write (previewBankSheet → importBankRows: duplicates,
// validation, one transaction, the audit entry), so every rule stays in one place. What a
// reader could not understand is listed beside the preview; while any question is not
// understood, only the person's explicit "import the rest" writes anything.
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { readInOneShotWorker, typeScriptWorkerEntry, type WorkerEntry } from '#app/utils/one-shot-worker.server.ts'
import { importBankRows, previewBankSheet, type ImportMode, type ImportOutcome, type ImportPreview, type ImportProgress } from './bank-import.server.ts'
import type { QuestionStatus } from '#app/exams/bank/question-types.ts'
import { BANK_COLUMNS } from './columns.ts'
import type { DocumentDefaults, ParsedDocument } from './text-questions.ts'
import type { DocumentSource, ReadDocumentResult } from './document-read.server.ts'

export { DOCUMENT_FORMATS, DOCUMENT_MAX_QUESTIONS, documentFormatOf, looksLikeGift, type DocumentFormat, type DocumentSource } from './document-read.server.ts'

/** Replaced by the URL of build/server/document-worker.js in the production build (see vite.config.ts). */
const BUILT_WORKER_URL = '@@document-worker-url@@' as string

/** The built worker file, or the TypeScript source run through tsx (dev server, vitest, tsx scripts). */
function workerEntry(): WorkerEntry {
	if (!BUILT_WORKER_URL.startsWith('@@')) return { filename: BUILT_WORKER_URL }
	return typeScriptWorkerEntry(new URL('./document-worker.ts', import.meta.url))
}

const READ_LIMITS = {
	timeLimitMs: 60_000,
	heapMb: 256,
	timedOut: '读取文件超时，文件可能过大或结构异常。请拆分后分批导入。',
	outOfMemory: '文件过大或结构异常，读取时超出内存上限，未导入任何数据。请拆分后分批导入。',
}

/**
 * Reads a file (or pasted text) into rows in a worker thread: mammoth, the XML and GIFT parsers
 * and the text layout run off the server's event loop, with a heap cap and a time limit, so a
 * hostile or huge document is refused in Chinese instead of stalling the server (ADR 009).
 */
export async function readQuestionDocument(source: DocumentSource, defaults: DocumentDefaults): Promise<ReadDocumentResult> {
	const transfer: ArrayBuffer[] = []
	let message: { source: DocumentSource; defaults: DocumentDefaults }
	if ('data' in source) {
		// A copy the worker owns: the caller's bytes may be a view into a larger pooled buffer.
		const copy = new Uint8Array(source.data)
		transfer.push(copy.buffer)
		message = { source: { fileName: source.fileName, data: copy }, defaults }
	} else message = { source, defaults }
	return readInOneShotWorker<ReadDocumentResult>(workerEntry(), message, transfer, READ_LIMITS)
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
