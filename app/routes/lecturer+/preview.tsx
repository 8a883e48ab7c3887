// Compiles the editor's text for the preview pane: the same gate and compiler as a published
// lesson, nothing saved but the compiled bundle (cached by content hash). The answer carries the
// refusal's body line and column and the check's warnings, which the editor marks in its gutter.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { type EditorIssue, editorIssue } from '#app/courses/lesson-editor.ts'
import { previewLesson } from '#app/courses/lessons.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { readEditorSubmission } from './__lesson-editor.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/lecturer')
	throw data({ message: '请在编辑器中预览' }, { status: 405 })
}

export async function action({ request }: ActionFunctionArgs) {
	await requireAccess(request, '/lecturer')
	const submission = readEditorSubmission(await request.formData())
	if (!submission.ok) {
		const first = Object.values(submission.failure.fieldErrors).flat()[0]
		return { ok: false as const, message: `课时信息有误：${first ?? '请检查表单'}`, line: null, warnings: [] as EditorIssue[] }
	}
	const preview = await previewLesson(prisma, submission.source)
	// The check's warnings (e.g. a kept unknown front-matter key) on body lines, or about the fields.
	const warnings = preview.warnings.map((warning) => editorIssue(warning, submission.bodyLineOffset, { warning: true }))
	if (!preview.ok && 'busy' in preview) return data({ ok: false as const, message: preview.message, line: null, warnings }, { status: 503 })
	if (!preview.ok) return { ok: false as const, ...editorIssue(preview.issue, submission.bodyLineOffset), warnings }
	return { ok: true as const, code: preview.code, problems: preview.problems, warnings }
}
