// Turns an editor submission into lesson source, and a domain refusal into what the editor
// shows: the message, with a refused line (and column) counted within the body. The editor's pages
// answer in conform's shape (ADR 070); the preview keeps its own small answer.
import type { Submission } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import { editorIssue, LessonEditorSchema, sourceFromEditor } from '#app/courses/lesson-editor.ts'
import type { LessonWriteFailure } from '#app/courses/lessons.ts'
import { fieldErrorsFrom, type FieldErrors } from '#app/utils/forms.ts'

/** The preview's reading of the form: the source, or the fields' errors. */
export function readEditorSubmission(formData: FormData) {
	const parsed = LessonEditorSchema.safeParse(Object.fromEntries(formData))
	if (!parsed.success) {
		const fieldErrors: FieldErrors = fieldErrorsFrom(parsed.error)
		return { ok: false as const, failure: { ok: false as const, message: '请先改正标出的课时信息。', fieldErrors } }
	}
	return { ok: true as const, ...sourceFromEditor(parsed.data) }
}

/** The editor form parsed with its schema (conform), and the lesson source when it is valid. */
export function parseEditorForm(formData: FormData) {
	const submission = parseWithZod(formData, { schema: LessonEditorSchema })
	if (submission.status !== 'success') return { ok: false as const, reply: data({ ...submission.reply(), line: null, column: null }, { status: 400 }) }
	return { ok: true as const, submission, ...sourceFromEditor(submission.value) }
}

export function baseRevisionOf(formData: FormData) {
	const raw = Number(formData.get('baseRevision'))
	return Number.isInteger(raw) && raw > 0 ? raw : null
}

type Replying = Pick<Submission<unknown>, 'reply'>

/**
 * A refusal as conform's reply: the message above the form and the refused body line for the
 * gutter (409 for a stale revision, 503 when busy, else 400); a lesson the editor may not touch is a 404.
 */
export function editorRefusal(submission: Replying, failure: LessonWriteFailure, bodyLineOffset: number) {
	if (failure.reason === 'not_found') throw data({ message: failure.message }, { status: 404 })
	const shown = failure.issue ? editorIssue(failure.issue, bodyLineOffset) : { line: null, message: failure.message }
	return data(
		{ ...submission.reply({ formErrors: [shown.message] }), line: shown.line, column: 'column' in shown ? (shown.column ?? null) : null },
		{ status: failure.reason === 'conflict' ? 409 : failure.reason === 'busy' ? 503 : 400 },
	)
}
