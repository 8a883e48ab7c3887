// Turns an editor submission into lesson source, and a domain refusal into what the editor
// shows: the message, with a refused MDX line counted within the body.
import { data } from '@remix-run/node'
import { editorIssue, LessonEditorSchema, sourceFromEditor } from '#app/courses/lesson-editor.ts'
import type { LessonWriteFailure } from '#app/courses/lessons.ts'
import { fieldErrorsFrom } from '#app/utils/forms.ts'
import type { EditorFailure } from './__lesson-editor.tsx'

export function readEditorSubmission(formData: FormData) {
	const parsed = LessonEditorSchema.safeParse(Object.fromEntries(formData))
	if (!parsed.success) {
		const fieldErrors = fieldErrorsFrom(parsed.error)
		return { ok: false as const, failure: { ok: false as const, message: '请先改正标出的课时信息。', fieldErrors } satisfies EditorFailure }
	}
	return { ok: true as const, ...sourceFromEditor(parsed.data) }
}

export function baseRevisionOf(formData: FormData) {
	const raw = Number(formData.get('baseRevision'))
	return Number.isInteger(raw) && raw > 0 ? raw : null
}

/** A 400 the editor shows; a lesson the editor may not touch is a 404. */
export function editorRefusal(failure: LessonWriteFailure, bodyLineOffset: number) {
	if (failure.reason === 'not_found') throw data({ message: failure.message }, { status: 404 })
	const shown = failure.issue ? editorIssue(failure.issue, bodyLineOffset) : { line: null, message: failure.message }
	return data({ ok: false as const, message: shown.message, line: shown.line } satisfies EditorFailure, { status: failure.reason === 'conflict' ? 409 : failure.reason === 'busy' ? 503 : 400 })
}
