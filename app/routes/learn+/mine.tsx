import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { AssignmentList } from '#app/components/mentorship/records.tsx'
import { myLearning } from '#app/courses/progress.ts'
import { myAssignments } from '#app/mentorship/apprentice-view.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { formatDuration, LearnNav, ProgressBar, TopicBadge } from '#app/components/learn-section.tsx'

export const meta: MetaFunction = () => [{ title: '我的学习 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/learn')
	const [learning, assignments] = await Promise.all([myLearning(prisma, user.id), myAssignments(prisma, user.id)])
	return { ...learning, assignments }
}

type Card = Awaited<ReturnType<typeof myLearning>>['inProgress'][number] & { note?: string; dueAt?: Date | null }

function CourseCards({ cards, empty }: { cards: Card[]; empty: string }) {
	if (!cards.length) return <p className="rounded border border-gray-200 bg-white p-4 text-sm text-gray-600">{empty}</p>
	return (
		<ul className="grid gap-3 md:grid-cols-2">
			{cards.map((card) => (
				<li key={card.id} className="rounded border border-gray-200 bg-white p-4">
					<div className="mb-1 flex items-center gap-2">
						<TopicBadge topic={card.topic} />
						{card.dueAt ? <span className="text-xs text-amber-700">请于 {formatDateTime(card.dueAt)} 前完成</span> : null}
					</div>
					<h3 className="font-semibold">
						<Link to={`/learn/courses/${card.slug}`} className="hover:underline">
							{card.title}
						</Link>
					</h3>
					{card.note ? <p className="mt-1 text-sm text-gray-700">{card.note}</p> : null}
					<div className="mt-2">
						<ProgressBar percent={card.progress.percent} label={`${card.title} 完成 ${card.progress.completed}/${card.progress.total}`} />
					</div>
					<p className="mt-1 text-xs text-gray-500">
						已完成 {card.progress.completed}/{card.progress.total} 课时 · 已学习 {formatDuration(card.progress.timeSpentSeconds)}
					</p>
					{card.continueLessonSlug && card.progress.completed < card.progress.total ? (
						<Link to={`/learn/courses/${card.slug}/${card.continueLessonSlug}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
							{card.progress.started ? '继续学习' : '开始学习'} →
						</Link>
					) : null}
				</li>
			))}
		</ul>
	)
}

export default function MyLearningPage() {
	const { inProgress, completed, assignments } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title="我的学习" />
			<LearnNav />
			<section aria-labelledby="assigned" className="mb-8">
				<h2 id="assigned" className="mb-3 text-lg font-semibold">
					指定学习
				</h2>
				{/* Lessons, courses and practice sets a mentor or admin assigned; done when the progress says so. */}
				<div className="rounded border border-gray-200 bg-white px-4 py-2">
					<AssignmentList items={assignments} empty="目前没有指定给您的学习任务。" />
				</div>
			</section>
			<section aria-labelledby="in-progress" className="mb-8">
				<h2 id="in-progress" className="mb-3 text-lg font-semibold">
					学习中
				</h2>
				<CourseCards cards={inProgress} empty="还没有开始学习的课程。去课程库看看吧。" />
			</section>
			<section aria-labelledby="completed">
				<h2 id="completed" className="mb-3 text-lg font-semibold">
					已完成
				</h2>
				<CourseCards cards={completed} empty="还没有学完的课程。" />
			</section>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
