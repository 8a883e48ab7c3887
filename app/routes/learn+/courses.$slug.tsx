import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { getCourseForLearner } from '#app/courses/learner.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { audienceText, formatDuration, LearnNav, ProgressBar, TopicBadge } from '#app/components/learn-section.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? '课程'} · 红审课程库` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/learn')
	const course = await getCourseForLearner(prisma, { slug: params.slug!, userId: user.id })
	if (!course) throw data({ message: '课程不存在或尚未发布' }, { status: 404 })
	return { course }
}

export default function CoursePage() {
	const { course } = useLoaderData<typeof loader>()
	const { progress } = course
	const resumeLabel = progress.completed === progress.total ? '重新学习' : progress.started ? '继续学习' : '开始学习'
	const resumeSlug = course.resumeLessonSlug ?? course.lessons[0]?.slug
	return (
		<Page>
			<PageHeader
				title={course.title}
				description={
					<span className="flex flex-wrap items-center gap-2">
						<TopicBadge topic={course.topic} />
						<span>面向 {audienceText(course.audiences)}</span>
						{course.origin === 'git' ? <span className="text-gray-600">· 讲师团课程</span> : null}
					</span>
				}
				actions={
					resumeSlug ? (
						<Link to={`/learn/courses/${course.slug}/${resumeSlug}`} className={buttonClass()}>
							{resumeLabel}
						</Link>
					) : null
				}
			/>
			<LearnNav />
			{course.assignment ? (
				<p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					这门课程已指定给您学习{course.assignment.dueAt ? `，请于 ${formatDateTime(course.assignment.dueAt)} 前完成` : ''}。{course.assignment.note}
				</p>
			) : null}
			<div className="grid gap-6 md:grid-cols-3">
				<div className="md:col-span-2">
					<p className="mb-4 whitespace-pre-line text-gray-800">{course.summary}</p>
					<h2 className="mb-2 text-lg font-semibold">课时</h2>
					<ol className="divide-y divide-gray-200 rounded border border-gray-200 bg-white">
						{course.lessons.map((lesson, index) => (
							<li key={lesson.slug} className="flex items-start gap-3 p-4">
								<span className="mt-0.5 w-6 text-sm text-gray-500">{index + 1}</span>
								<div className="min-w-0 flex-1">
									<Link to={`/learn/courses/${course.slug}/${lesson.slug}`} className="font-medium hover:underline">
										{lesson.title}
									</Link>
									<p className="text-sm text-gray-600">{lesson.summary}</p>
									<p className="mt-1 text-xs text-gray-500">约 {lesson.estimatedMinutes} 分钟</p>
								</div>
								<span
									className={
										lesson.completed ? 'rounded bg-green-50 px-2 py-0.5 text-xs text-green-800' : lesson.started ? 'rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-800' : 'rounded bg-gray-100 px-2 py-0.5 text-xs text-gray-600'
									}
								>
									{lesson.completed ? '已完成' : lesson.started ? '学习中' : '未开始'}
								</span>
							</li>
						))}
					</ol>
				</div>
				<aside className="flex flex-col gap-4">
					<section className="rounded border border-gray-200 bg-white p-4" aria-labelledby="my-progress">
						<h2 id="my-progress" className="mb-2 font-semibold">
							我的进度
						</h2>
						<ProgressBar percent={progress.percent} label={`课程进度 ${progress.completed}/${progress.total}`} />
						<p className="mt-2 text-sm text-gray-700">
							已完成 {progress.completed}/{progress.total} 课时
						</p>
						<p className="text-sm text-gray-700">已学习 {formatDuration(progress.timeSpentSeconds)}</p>
					</section>
					{course.lecturers.length ? (
						<section className="rounded border border-gray-200 bg-white p-4" aria-labelledby="lecturers">
							<h2 id="lecturers" className="mb-2 font-semibold">
								讲师
							</h2>
							<ul className="flex flex-col gap-2">
								{course.lecturers.map((lecturer) => (
									<li key={`${lecturer.name}-${lecturer.title}`}>
										<p className="font-medium">{lecturer.name}</p>
										<p className="text-xs text-gray-500">{lecturer.title}</p>
										{lecturer.bio ? <p className="mt-1 text-sm text-gray-700">{lecturer.bio}</p> : null}
									</li>
								))}
							</ul>
						</section>
					) : null}
				</aside>
			</div>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
