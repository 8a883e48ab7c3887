import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { LearnerAgendaPanel } from '#app/components/exam/learner-agenda.tsx'
import { AssignmentList } from '#app/components/mentorship/records.tsx'
import { RankingOwnTrend } from '#app/components/ranking-own-trend.tsx'
import { CatalogFilterSchema, listCatalog } from '#app/courses/learner.ts'
import { learnerAgenda } from '#app/exams/learner-agenda.ts'
import { myAssignments } from '#app/mentorship/apprentice-view.ts'
import { ownTrend } from '#app/rankings/own-trend.ts'
import { AUDIENCE_LABELS, AUDIENCES } from '#app/courses/vocabulary.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { audienceText, FilterSelect, LearnNav, ProgressBar, TopicBadge } from '#app/components/learn-section.tsx'

export const meta: MetaFunction = () => [{ title: '红审课程库 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/learn')
	const params = new URL(request.url).searchParams
	const filter = CatalogFilterSchema.parse({ topic: params.get('topic') || undefined, audience: params.get('audience') || undefined })
	const [courses, assignments, trend, agenda] = await Promise.all([
		listCatalog(prisma, { userId: user.id, ...filter }),
		myAssignments(prisma, user.id),
		// Own place and trend in the season of the latest published ranking (published snapshots only).
		ownTrend(prisma, { userId: user.id }),
		learnerAgenda(prisma, { candidate: user, now: new Date() }),
	])
	// The landing page reminds of open assigned study only; the full list is under 我的学习.
	return { filter, courses, agenda, assigned: assignments.filter((a) => !a.done), trend: trend?.listed ? trend : null }
}

export default function CatalogPage() {
	const { filter, courses, agenda, assigned, trend } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title="红审课程库" description="讲师团课程：财政、经责、固投三个专题和综合课程，面向部门、街道、国企、村社。" />
			<LearnNav />
			<LearnerAgendaPanel agenda={agenda} />
			{assigned.length ? (
				<section aria-labelledby="assigned-open" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3">
					<h2 id="assigned-open" className="font-semibold text-amber-900">
						指定学习（{assigned.length} 项待完成）
					</h2>
					<AssignmentList items={assigned} empty="" />
					<Link to="/learn/mine" className="text-sm text-brand-700 hover:underline">
						查看全部指定学习 →
					</Link>
				</section>
			) : null}
			{trend ? (
				<div className="mb-6">
					<RankingOwnTrend trend={trend} boardLink />
				</div>
			) : null}
			<div className="mb-6 flex flex-wrap items-end gap-4">
				<Form method="get" className="flex flex-wrap items-end gap-3" aria-label="筛选课程">
					<FilterSelect label="专题" name="topic" value={filter.topic ?? null} allLabel="全部专题" options={TOPICS.map((topic) => ({ value: topic, label: TOPIC_LABELS[topic] }))} />
					<FilterSelect
						label="受众"
						name="audience"
						value={filter.audience ?? null}
						allLabel="全部受众"
						options={AUDIENCES.map((audience) => ({ value: audience, label: AUDIENCE_LABELS[audience] }))}
					/>
					<button type="submit" className={buttonClass('secondary')}>
						筛选
					</button>
				</Form>
				<Form method="get" action="/learn/search" className="ml-auto flex max-w-full items-end gap-2" role="search">
					<label className="flex min-w-0 flex-col gap-1 text-sm">
						<span className="font-medium">搜索课程和共性问题</span>
						{/* Shrinks below w-64 on a 320 px phone, so the button stays on screen. */}
						<input type="search" name="q" placeholder="如：预算、三重一大" className="w-64 min-w-0 max-w-full rounded border border-gray-300 px-3 py-2" />
					</label>
					<button type="submit" className={buttonClass()}>
						搜索
					</button>
				</Form>
			</div>
			{courses.length === 0 ? (
				<p className="rounded border border-gray-200 bg-white p-6 text-gray-600">没有符合条件的课程。</p>
			) : (
				<ul className="grid gap-4 md:grid-cols-2">
					{courses.map((course) => (
						<li key={course.id} className="flex flex-col rounded-lg border border-gray-200 bg-white p-4">
							<div className="mb-1 flex items-center gap-2">
								<TopicBadge topic={course.topic} />
								<span className="text-xs text-gray-500">面向 {audienceText(course.audiences)}</span>
							</div>
							<h2 className="text-lg font-semibold">
								<Link to={`/learn/courses/${course.slug}`} className="hover:underline">
									{course.title}
								</Link>
							</h2>
							<p className="mt-1 line-clamp-3 flex-1 text-sm text-gray-700">{course.summary}</p>
							<p className="mt-2 text-xs text-gray-500">
								{course.progress.total} 课时 · 约 {course.totalMinutes} 分钟{course.lecturers.length ? ` · 讲师 ${course.lecturers.join('、')}` : ''}
							</p>
							<div className="mt-2">
								<ProgressBar percent={course.progress.percent} label={`${course.title} 完成 ${course.progress.completed}/${course.progress.total}`} />
							</div>
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
