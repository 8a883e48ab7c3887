import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { listCoursesForEditor } from '#app/courses/courses.server.ts'
import { COURSE_STATUS_LABELS, type CourseStatus } from '#app/courses/vocabulary.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { warmCompilerInBackground } from '#app/courses/mdx/compile.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { editorFrom } from './__editor-context.server.ts'

export const meta: MetaFunction = () => [{ title: '讲师工作台 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	warmCompilerInBackground()
	return { courses: await listCoursesForEditor(prisma, editor) }
}

export default function LecturerHome() {
	const { courses } = useLoaderData<typeof loader>()
	const own = courses.filter((course) => course.editable)
	const git = courses.filter((course) => !course.editable)
	return (
		<Page>
			<PageHeader
				title="讲师工作台"
				description="编写在线课程：草稿保存后学员看不到，发布后才对学员可见；已发布的课时再修改会生成新版本。"
				actions={
					<Link to="/lecturer/courses/new" className={buttonClass()}>
						新建课程
					</Link>
				}
			/>
			<h2 className="mb-2 text-lg font-semibold">我的在线课程</h2>
			{own.length === 0 ? (
				<p className="mb-8 rounded border border-gray-200 bg-white p-4 text-sm text-gray-600">还没有在线课程。点击“新建课程”开始。</p>
			) : (
				<CourseTable courses={own} />
			)}
			<h2 className="mb-2 mt-8 text-lg font-semibold">讲师团课程（由讲师团统一维护，在此只读）</h2>
			<CourseTable courses={git} />
		</Page>
	)
}

function CourseTable({ courses }: { courses: Awaited<ReturnType<typeof listCoursesForEditor>> }) {
	return (
		<table className="w-full overflow-hidden rounded border border-gray-200 bg-white text-sm">
			<thead className="bg-gray-50 text-left text-gray-600">
				<tr>
					<th className="px-3 py-2 font-medium">课程</th>
					<th className="px-3 py-2 font-medium">专题</th>
					<th className="px-3 py-2 font-medium">状态</th>
					<th className="px-3 py-2 font-medium">课时（已发布/草稿）</th>
					<th className="px-3 py-2 font-medium">更新时间</th>
				</tr>
			</thead>
			<tbody className="divide-y divide-gray-200">
				{courses.map((course) => (
					<tr key={course.id}>
						<td className="px-3 py-2">
							<Link to={`/lecturer/courses/${course.id}`} className="font-medium text-brand-700 hover:underline">
								{course.title}
							</Link>
						</td>
						<td className="px-3 py-2">{TOPIC_LABELS[course.topic as Topic] ?? course.topic}</td>
						<td className="px-3 py-2">{COURSE_STATUS_LABELS[course.status as CourseStatus] ?? course.status}</td>
						<td className="px-3 py-2">
							{course.lessonCount}（{course.publishedLessonCount}/{course.draftCount}）
						</td>
						<td className="px-3 py-2 text-gray-600">{formatDateTime(course.updatedAt)}</td>
					</tr>
				))}
			</tbody>
		</table>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
