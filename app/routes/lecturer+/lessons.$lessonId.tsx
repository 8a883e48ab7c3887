import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { katexStylesheetLink } from '#app/components/mdx/katex-styles.ts'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { editorFieldsFromSource } from '#app/courses/lesson-editor.ts'
import { discardLessonDraft, getLessonForEditor, publishLessonDraft, saveLessonDraft } from '#app/courses/lessons.ts'
import { warmCompilerInBackground } from '#app/courses/mdx/compile.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { LecturerCrumbs } from './__course-nav.tsx'
import { editorFrom } from './__editor-context.server.ts'
import { type EditorButton, LessonEditor } from './__lesson-editor.tsx'
import { baseRevisionOf, editorRefusal, parseEditorForm } from './__lesson-editor.server.ts'

/** The preview typesets math on the server; its stylesheet comes from here. */
export const links: LinksFunction = () => [katexStylesheetLink]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.fields.title || '课时'} · 讲师工作台` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	warmCompilerInBackground()
	const lesson = await getLessonForEditor(prisma, editor, params.lessonId!)
	if (!lesson) throw data({ message: '课时不存在或您无权编辑' }, { status: 404 })
	const source = lesson.draft?.source ?? lesson.published?.source ?? ''
	const { draft, published, history: _history, ...rest } = lesson
	return {
		lesson: rest,
		draft: draft && { version: draft.version, revision: draft.revision, updatedAt: draft.updatedAt, restoredFromVersion: draft.restoredFromVersion },
		published: published && { version: published.version, publishedAt: published.publishedAt },
		fields: editorFieldsFromSource(source),
	}
}

/** The editor's buttons carry their intent (ADR 070: one schema, one reply shape). */
const IntentSchema = z.object({ intent: z.enum(['save', 'publish', 'discard'], { error: '未知的操作' }) })

export async function action({ request, params }: ActionFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	const lessonId = params.lessonId!
	const here = `/lecturer/lessons/${encodeURIComponent(lessonId)}`
	const formData = await request.formData()
	const intent = parseWithZod(formData, { schema: IntentSchema })
	if (intent.status !== 'success') return data({ ...intent.reply(), line: null }, { status: 400 })
	if (intent.value.intent === 'discard') {
		const result = await discardLessonDraft(prisma, editor, { lessonId })
		if (!result.ok) return editorRefusal(intent, result, 0)
		throw await redirectWithToast(here, { title: '已放弃草稿，编辑器显示的是已发布的版本。' })
	}
	const parsed = parseEditorForm(formData)
	if (!parsed.ok) return parsed.reply
	const { submission } = parsed
	const saved = await saveLessonDraft(prisma, editor, { lessonId, source: parsed.source, baseRevision: baseRevisionOf(formData) })
	if (!saved.ok) return editorRefusal(submission, saved, parsed.bodyLineOffset)
	if (intent.value.intent === 'save') throw await redirectWithToast(here, { title: `草稿已保存（第 ${saved.version} 版）。学员仍看到已发布的版本。` })
	const published = await publishLessonDraft(prisma, editor, { lessonId })
	if (!published.ok) return editorRefusal(submission, published, parsed.bodyLineOffset)
	throw await redirectWithToast(here, { title: `已发布第 ${published.version} 版，学员现在看到的是这一版。` })
}

export default function LessonEditorPage() {
	const { lesson, draft, published, fields } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const buttons: EditorButton[] = [
		{ intent: 'save', label: '保存草稿', variant: 'secondary' },
		{ intent: 'publish', label: draft || !published ? '保存并发布' : '发布修改' },
		...(draft && published ? [{ intent: 'discard', label: '放弃草稿', variant: 'danger' as const }] : []),
	]
	const state = draft
		? `草稿第 ${draft.version} 版，${formatDateTime(draft.updatedAt)} 保存${draft.restoredFromVersion ? `（由第 ${draft.restoredFromVersion} 版恢复）` : ''}`
		: '没有草稿'
	return (
		<Page wide>
			<LecturerCrumbs course={lesson.course} />
			<PageHeader
				title={fields.title || '课时'}
				description={`${published ? `已发布第 ${published.version} 版（${formatDateTime(published.publishedAt!)}）` : '尚未发布'} · ${state}`}
				actions={
					<Link to={`/lecturer/lessons/${lesson.id}/history`} className={buttonClass('secondary')}>
						版本历史
					</Link>
				}
			/>
			{!lesson.editable ? (
				<p className="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					此课时由讲师团统一维护，在浏览器中只读；如需修改，请联系讲师团（文件：{lesson.sourcePath}）。
				</p>
			) : null}
			<LessonEditor
				// Saving keeps the editor as it is (cursor, scroll); discarding or publishing starts it
				// again from the stored text.
				key={draft ? 'draft' : `published-${published?.version ?? 0}`}
				defaults={fields}
				baseRevision={draft?.revision ?? null}
				lastResult={actionData}
				buttons={buttons}
				readOnly={!lesson.editable}
			/>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
