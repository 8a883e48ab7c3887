import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable } from '#app/components/data-table.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { QUESTION_TYPE_LABELS } from '#app/exams/bank/question-types.ts'
import { findGradingRound, gradingProgress, gradingQueue } from '#app/exams/grading/manual.server.ts'
import { QUEUE_VIEW_LABELS, QUEUE_VIEWS, type QueueView } from '#app/exams/grading/queue-views.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn } from '#app/utils/misc.ts'
import { BankNav } from '#app/components/bank-nav.tsx'
import { GradingProgressBar } from './__grading-parts.tsx'

export const meta: MetaFunction = () => [{ title: '评阅队列 · 人工评阅 · 红审学堂' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/grading')
	const roundId = params.roundId!
	if (!(await findGradingRound(prisma, roundId))) throw data({ message: '轮次不存在' }, { status: 404 })
	const requested = new URL(request.url).searchParams.get('view')
	const view: QueueView = QUEUE_VIEWS.find((v) => v === requested) ?? 'todo'
	const [queue, progress] = await Promise.all([gradingQueue(prisma, { roundId, graderId: user.id, view }), gradingProgress(prisma, roundId)])
	return {
		view,
		roundId,
		roundTitle: queue.roundTitle,
		progress,
		items: queue.items.map((item) => ({
			attemptQuestionId: item.attemptQuestionId,
			label: item.label,
			position: item.position,
			type: item.type,
			stem: item.stem.length > 60 ? `${item.stem.slice(0, 60)}…` : item.stem,
			stageLabel: item.stageLabel,
			myScore: item.myMark?.score ?? null,
			points: item.points,
		})),
	}
}

export default function GradingQueuePage() {
	const { view, roundId, roundTitle, progress, items } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title={`评阅：${roundTitle}`} />
			<BankNav />
			<GradingProgressBar progress={progress} />
			<nav aria-label="答卷范围" className="my-4 flex gap-2">
				{QUEUE_VIEWS.map((v) => (
					<Link
						key={v}
						to={`/grading/${roundId}?view=${v}`}
						aria-current={v === view ? 'page' : undefined}
						className={cn('rounded border px-3 py-1.5 text-sm', v === view ? 'border-brand-700 bg-brand-700 text-white' : 'border-gray-300 bg-white hover:bg-gray-50')}
					>
						{QUEUE_VIEW_LABELS[v]}
					</Link>
				))}
			</nav>
			<DataTable
				label="评阅队列"
				columns={['答卷', '题号', '题目', '状态', '我的评分', '操作']}
				rowCount={items.length}
				emptyMessage={view === 'todo' ? '没有等待你评阅的答卷。' : '没有答卷。'}
			>
				{items.map((item) => (
					<tr key={item.attemptQuestionId}>
						<td className="whitespace-nowrap px-3 py-2 font-mono">{item.label}</td>
						<td className="px-3 py-2">第 {item.position} 题</td>
						<td className="px-3 py-2">
							<span className="mr-1 text-gray-500">[{QUESTION_TYPE_LABELS[item.type]}]</span>
							{item.stem}
						</td>
						<td className="whitespace-nowrap px-3 py-2">{item.stageLabel}</td>
						<td className="px-3 py-2">{item.myScore === null ? '—' : `${item.myScore} / ${item.points}`}</td>
						<td className="px-3 py-2">
							<Link to={`/grading/items/${item.attemptQuestionId}`} className="text-brand-700 hover:underline" aria-label={`评阅 ${item.label} 第 ${item.position} 题`}>
								{item.myScore === null ? '评阅' : '查看'}
							</Link>
						</td>
					</tr>
				))}
			</DataTable>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
