// What the document import page receives: the counts, every question not understood and every
// row problem by the question's own label (“二、多选题 第3题”), and a sample. Isomorphic.
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS } from '#app/utils/topics.ts'
import { formatAnswer } from './answer-format.ts'
import type { ImportPreview } from './bank-import.server.ts'
import type { BankColumn } from './columns.ts'
import type { ParsedDocument } from './text-questions.ts'

export const MAX_LISTED = 1000
export const SAMPLE_QUESTIONS = 20

export type DocumentPreviewSummary = {
	sourceName: string
	warnings: string[]
	/** Questions found in the source: understood or not. */
	found: number
	validCount: number
	badCount: number
	validByType: Record<QuestionType, number>
	notUnderstood: { label: string; reason: string }[]
	problems: { label: string; column: BankColumn; message: string; kind: 'invalid' | 'duplicate' }[]
	moreListed: number
	sample: { label: string; type: string; topic: string; stem: string; answer: string; points: number }[]
}

export function summariseDocument(document: ParsedDocument, preview: ImportPreview, sourceName: string): DocumentPreviewSummary {
	const label = (rowNumber: number) => document.labels[rowNumber] ?? `第${rowNumber}题`
	const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)
	const listed = document.notUnderstood.length + preview.problems.length
	return {
		sourceName,
		warnings: preview.warnings,
		found: document.rows.length + document.notUnderstood.length,
		validCount: preview.valid.length,
		badCount: preview.badRowCount + document.notUnderstood.length,
		validByType: preview.validByType,
		notUnderstood: document.notUnderstood.slice(0, MAX_LISTED).map((q) => ({ label: q.label, reason: q.reason })),
		problems: preview.problems.slice(0, Math.max(0, MAX_LISTED - document.notUnderstood.length)).map((p) => ({ label: label(p.rowNumber), column: p.column, message: p.message, kind: p.kind })),
		moreListed: Math.max(0, listed - MAX_LISTED),
		sample: preview.valid.slice(0, SAMPLE_QUESTIONS).map((row) => ({
			label: label(row.rowNumber),
			type: QUESTION_TYPE_LABELS[row.content.type],
			topic: TOPIC_LABELS[row.content.topic],
			stem: cut(row.content.stem, 80),
			answer: cut(formatAnswer(row.content), 40),
			points: row.content.points,
		})),
	}
}
