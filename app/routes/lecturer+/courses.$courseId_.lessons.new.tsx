import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { katexStylesheetLink } from '#app/components/mdx/katex-styles.ts'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { getCourseForEditor } from '#app/courses/courses.server.ts'
import { createLesson } from '#app/courses/lessons.ts'
import { warmCompilerInBackground } from '#app/courses/mdx/compile.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { LecturerCrumbs } from './__course-nav.tsx'
import { editorFrom } from './__editor-context.server.ts'
import { LessonEditor } from './__lesson-editor.tsx'
import { editorRefusal, parseEditorForm } from './__lesson-editor.server.ts'

/** The preview typesets math on the server; its stylesheet comes from here. */
export const links: LinksFunction = () => [katexStylesheetLink]

export const meta: MetaFunction = () => [{ title: '新建课时 · 讲师工作台' }]

const STARTER_BODY = `## 小节标题

正文段落。

<Callout type="提示" title="要点">
这里写提示内容。
</Callout>
`

export async function loader({ request, params }: LoaderFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	warmCompilerInBackground()
	const course = await getCourseForEditor(prisma, editor, params.courseId!)
	if (!course || !course.editable) throw data({ message: '课程不存在或您无权编辑' }, { status: 404 })
	return { course: { id: course.id, title: course.title } }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	const parsed = parseEditorForm(await request.formData())
	if (!parsed.ok) return parsed.reply
	const result = await createLesson(prisma, editor, { courseId: params.courseId!, source: parsed.source })
	if (!result.ok) return editorRefusal(parsed.submission, result, parsed.bodyLineOffset)
	throw await redirectWithToast(`/lecturer/lessons/${encodeURIComponent(result.lessonId)}`, { title: `草稿已保存（第 ${result.version} 版）。学员看不到草稿，发布后才可见。` })
}

export default function NewLessonPage() {
	const { course } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<Page wide>
			<LecturerCrumbs course={course} />
			<PageHeader title="新建课时" description="保存后是草稿，学员看不到；在课时页发布后才对学员可见。" />
			<LessonEditor
				defaults={{ title: '', summary: '', estimatedMinutes: '15', tags: '', regulations: '', body: STARTER_BODY }}
				baseRevision={null}
				lastResult={actionData}
				buttons={[{ intent: 'create', label: '保存草稿' }]}
			/>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
