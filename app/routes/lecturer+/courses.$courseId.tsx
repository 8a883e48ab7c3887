import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PageHeader, Page } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass, FormError } from '#app/components/forms.tsx'
import { getCourseForEditor, setCourseStatus, updateCourse } from '#app/courses/courses.server.ts'
import { AUDIENCE_LABELS, type Audience, COURSE_STATUS_LABELS, type CourseStatus } from '#app/courses/vocabulary.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { CourseForm, CourseInputSchema } from './__course-form.tsx'
import { LecturerCrumbs } from './__course-nav.tsx'
import { editorFrom } from './__editor-context.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? '课程'} · 讲师工作台` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	const course = await getCourseForEditor(prisma, editor, params.courseId!)
	if (!course) throw data({ message: '课程不存在或您无权编辑' }, { status: 404 })
	return { course }
}

/** The status buttons carry their intent and the status they set (ADR 070: one reply shape). */
const StatusFormSchema = z.object({ status: z.enum(['published', 'draft', 'archived'], { error: '未知的课程状态' }) })
const IntentSchema = z.enum(['save', 'status'])

export async function action({ request, params }: ActionFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	const courseId = params.courseId!
	const here = `/lecturer/courses/${encodeURIComponent(courseId)}`
	const formData = await request.formData()
	const intent = IntentSchema.safeParse(formData.get('intent'))
	if (!intent.success) throw data({ message: '未知的操作' }, { status: 400 })
	if (intent.data === 'save') {
		const submission = parseWithZod(formData, { schema: CourseInputSchema })
		if (submission.status !== 'success') return data({ ...submission.reply(), form: 'course' }, { status: 400 })
		if (!(await updateCourse(prisma, editor, courseId, submission.value))) throw data({ message: '课程不存在或您无权编辑' }, { status: 404 })
		throw await redirectWithToast(here, { title: '课程信息已保存。' })
	}
	const submission = parseWithZod(formData, { schema: StatusFormSchema })
	if (submission.status !== 'success') return data({ ...submission.reply(), form: 'course-status' }, { status: 400 })
	if (!(await setCourseStatus(prisma, editor, courseId, submission.value.status))) throw data({ message: '课程不存在或您无权编辑' }, { status: 404 })
	const messages = { published: '课程已发布，学员可以在课程库中看到它。', draft: '课程已撤回为草稿，学员暂时看不到它。', archived: '课程已下架。' }
	throw await redirectWithToast(here, { title: messages[submission.value.status] })
}

function StatusForm({ status, lastResult }: { status: CourseStatus; lastResult: SubmissionResult | undefined }) {
	const [form, fields] = useForm({
		id: 'course-status',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusFormSchema }),
	})
	return (
		<Form method="post" className="flex flex-col gap-2" {...getFormProps(form)}>
			<FormError message={fields.status.errors?.[0] ?? form.errors?.[0]} />
			<div className="flex flex-wrap gap-2">
				<input type="hidden" name="intent" value="status" />
				{status !== 'published' ? (
					<Button type="submit" name={fields.status.name} value="published">
						发布课程
					</Button>
				) : (
					<Button type="submit" name={fields.status.name} value="draft" variant="secondary">
						撤回为草稿
					</Button>
				)}
				{status !== 'archived' ? (
					<Button type="submit" name={fields.status.name} value="archived" variant="secondary">
						下架
					</Button>
				) : null}
			</div>
		</Form>
	)
}

export default function LecturerCoursePage() {
	const { course } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	// Success redirects with a toast (ADR 070); only refusals come back, to the form that sent them.
	const resultFor = (form: string) => (actionData?.form === form ? actionData : undefined)
	const status = course.status as CourseStatus
	return (
		<Page>
			<LecturerCrumbs />
			<PageHeader
				title={course.title}
				description={`${TOPIC_LABELS[course.topic as Topic] ?? course.topic} · ${COURSE_STATUS_LABELS[status]}${course.publishedAt ? ` · 发布于 ${formatDateTime(course.publishedAt)}` : ''}`}
				actions={
					course.editable ? (
						<StatusForm status={status} lastResult={resultFor('course-status')} />
					) : null
				}
			/>
			{!course.editable ? (
				<p className="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					这是讲师团课程，由讲师团统一维护，在浏览器中只读；如需修改，请联系讲师团（目录：{course.slug}）。
				</p>
			) : null}
			<div className="grid gap-8 lg:grid-cols-2">
				<section aria-labelledby="lessons">
					<div className="mb-2 flex items-center justify-between">
						<h2 id="lessons" className="text-lg font-semibold">
							课时
						</h2>
						{course.editable ? (
							<Link to={`/lecturer/courses/${course.id}/lessons/new`} className={buttonClass('secondary')}>
								新建课时
							</Link>
						) : null}
					</div>
					{course.lessons.length === 0 ? (
						<p className="rounded border border-gray-200 bg-white p-4 text-sm text-gray-600">还没有课时。</p>
					) : (
						<ol className="divide-y divide-gray-200 rounded border border-gray-200 bg-white">
							{course.lessons.map((lesson, index) => (
								<li key={lesson.id} className="flex items-center gap-3 p-3">
									<span className="w-6 text-sm text-gray-500">{index + 1}</span>
									<div className="min-w-0 flex-1">
										<Link to={`/lecturer/lessons/${lesson.id}`} className="font-medium text-brand-700 hover:underline">
											{lesson.draft?.title ?? lesson.publishedVersion?.title ?? lesson.slug}
										</Link>
										<p className="text-xs text-gray-500">
											{lesson.publishedVersion ? `已发布第 ${lesson.publishedVersion.version} 版` : '未发布'}
											{lesson.draft ? ` · 草稿第 ${lesson.draft.version} 版（${formatDateTime(lesson.draft.updatedAt)} 保存）` : ''}
											{lesson.sourcePath ? ` · ${lesson.sourcePath}` : ''}
										</p>
									</div>
								</li>
							))}
						</ol>
					)}
					<p className="mt-3 text-sm text-gray-600">
						受众：{course.audiences.map((a) => AUDIENCE_LABELS[a as Audience] ?? a).join('、') || '未设置'} · 讲师：{course.lecturers.map((l) => l.name).join('、') || '未设置'}
					</p>
				</section>
				{course.editable ? (
					<section aria-labelledby="details">
						<h2 id="details" className="mb-2 text-lg font-semibold">
							课程信息
						</h2>
						<CourseForm defaults={{ title: course.title, summary: course.summary, topic: course.topic, audiences: course.audiences }} lastResult={resultFor('course')} submitLabel="保存课程信息" />
					</section>
				) : null}
			</div>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
