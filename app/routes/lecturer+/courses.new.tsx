import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { createCourse } from '#app/courses/courses.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { CourseForm, CourseInputSchema } from './__course-form.tsx'
import { LecturerCrumbs } from './__course-nav.tsx'
import { editorFrom } from './__editor-context.server.ts'

export const meta: MetaFunction = () => [{ title: '新建课程 · 讲师工作台' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/lecturer')
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	const submission = parseWithZod(await request.formData(), { schema: CourseInputSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const course = await createCourse(prisma, editor, submission.value)
	throw await redirectWithToast(`/lecturer/courses/${encodeURIComponent(course.id)}`, { title: '课程已创建（草稿）。', description: '添加并发布课时，再发布课程，学员才能看到。' })
}

export default function NewCoursePage() {
	const actionData = useActionData<typeof action>()
	return (
		<Page>
			<LecturerCrumbs />
			<PageHeader title="新建课程" description="课程建好后是草稿；添加并发布课时，再发布课程，学员才能看到。" />
			<CourseForm defaults={{ title: '', summary: '', topic: 'fiscal', audiences: [] }} lastResult={actionData} submitLabel="创建课程" />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
