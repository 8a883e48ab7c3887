// What the import page receives while a file is checked or written: progress events, then a
// summary of the preview (not every parsed question: a 5,000-row file stays a small response).
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS } from '#app/utils/topics.ts'
import type { BankColumn } from './columns.ts'
import type { ImportOutcome, ImportPreview, ImportProgress, MappingEntry } from './bank-import.server.ts'
import { formatAnswer } from './answer-format.ts'
import { columnText, type ImportDefaults, type MappingProblem } from './column-mapping.ts'

export const MAX_LISTED_PROBLEMS = 1000
export const SAMPLE_ROWS = 20
export const BANK_IMPORT_MAX_BYTES = 20 * 1024 * 1024

export type PreviewSummary = {
	fileName: string
	fileError: string | null
	warnings: string[]
	mapping: MappingEntry[]
	defaults: ImportDefaults
	mappingProblems: MappingProblem[]
	totalRows: number
	validCount: number
	badRowCount: number
	validByType: Record<QuestionType, number>
	/** `columnText` names the file's own header beside the bank's column: “正确答案”列（答案）. */
	problems: { rowNumber: number; column: BankColumn; columnText: string; message: string; kind: 'invalid' | 'duplicate' }[]
	/** Problems beyond MAX_LISTED_PROBLEMS, counted but not listed. */
	moreProblems: number
	sample: { rowNumber: number; type: string; typeInferred: boolean; topic: string; difficulty: number; stem: string; options: string[]; answer: string; points: number }[]
}

export type OutcomeSummary = { ok: boolean; reason: string | null; imported: number; skippedRows: number; preview: PreviewSummary }

export type BankImportEvent =
	| ({ type: 'progress' } & (ImportProgress | { phase: 'upload'; done: number; total: number }))
	| { type: 'preview'; preview: PreviewSummary }
	| { type: 'done'; outcome: OutcomeSummary }
	| { type: 'error'; message: string }

export function summarisePreview(preview: ImportPreview, fileName: string): PreviewSummary {
	return {
		fileName,
		fileError: preview.fileError,
		warnings: preview.warnings,
		mapping: preview.mapping,
		defaults: preview.defaults,
		mappingProblems: preview.mappingProblems,
		totalRows: preview.totalRows,
		validCount: preview.valid.length,
		badRowCount: preview.badRowCount,
		validByType: preview.validByType,
		problems: preview.problems
			.slice(0, MAX_LISTED_PROBLEMS)
			.map((p) => ({ rowNumber: p.rowNumber, column: p.column, columnText: columnText(p), message: p.message, kind: p.kind })),
		moreProblems: Math.max(0, preview.problems.length - MAX_LISTED_PROBLEMS),
		sample: preview.valid.slice(0, SAMPLE_ROWS).map((row) => ({
			rowNumber: row.rowNumber,
			type: QUESTION_TYPE_LABELS[row.content.type],
			typeInferred: row.typeInferred ?? false,
			topic: TOPIC_LABELS[row.content.topic],
			difficulty: row.content.difficulty,
			stem: row.content.stem.length > 80 ? `${row.content.stem.slice(0, 80)}…` : row.content.stem,
			options: 'options' in row.content ? row.content.options.map((o) => `${o.key}. ${o.text.length > 30 ? `${o.text.slice(0, 30)}…` : o.text}`) : [],
			answer: formatAnswer(row.content).slice(0, 40),
			points: row.content.points,
		})),
	}
}

export function summariseOutcome(outcome: ImportOutcome, fileName: string): OutcomeSummary {
	return {
		ok: outcome.ok,
		reason: outcome.reason,
		imported: outcome.imported,
		skippedRows: outcome.skippedRows.length,
		preview: summarisePreview(outcome.preview, fileName),
	}
}
