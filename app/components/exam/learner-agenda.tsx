// 待办: what is waiting for a learner, at the top of their landing page.
import { Link } from '@remix-run/react'
import type { LearnerAgenda } from '#app/exams/learner-agenda.ts'
import { formatDateTime } from '#app/utils/misc.ts'

type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string | Date : T[K] extends Date | null ? string | Date | null : T[K] }

type AgendaView = {
	open: Serialized<LearnerAgenda['open'][number]>[]
	upcoming: Serialized<LearnerAgenda['upcoming'][number]>[]
	practiceDue: number
	latestResult: Serialized<NonNullable<LearnerAgenda['latestResult']>> | null
}

export function LearnerAgendaPanel({ agenda }: { agenda: AgendaView }) {
	const nothing = !agenda.open.length && !agenda.upcoming.length && !agenda.practiceDue && !agenda.latestResult
	return (
		<section aria-labelledby="agenda-heading" className="mb-6 rounded-lg border border-gray-200 bg-white px-4 py-3">
			<h2 id="agenda-heading" className="font-semibold">
				待办
			</h2>
			{nothing ? <p className="mt-1 text-sm text-gray-700">目前没有进行中的考试、到期的练习或新公布的成绩。</p> : null}
			<ul className="mt-2 flex flex-col gap-2 text-sm">
				{agenda.open.map((round) => (
					<li key={round.id} className="flex flex-wrap items-baseline gap-x-2">
						<span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800">考试进行中</span>
						<Link to={round.openAttemptId ? `/exams/attempts/${round.openAttemptId}` : `/exams/rounds/${round.id}`} className="font-medium text-brand-700 hover:underline">
							{round.seasonName} · {round.title}
						</Link>
						<span className="text-gray-700">
							{round.openAttemptId ? '继续作答，' : ''}
							{formatDateTime(round.closesAt)} 截止
						</span>
					</li>
				))}
				{agenda.upcoming.map((round) => (
					<li key={round.id} className="flex flex-wrap items-baseline gap-x-2">
						<span className="rounded bg-blue-50 px-1.5 py-0.5 text-xs font-medium text-blue-800">即将开始</span>
						<Link to={`/exams/rounds/${round.id}`} className="text-brand-700 hover:underline">
							{round.seasonName} · {round.title}
						</Link>
						<span className="text-gray-700">{formatDateTime(round.opensAt)} 开始</span>
					</li>
				))}
				{agenda.practiceDue ? (
					<li className="flex flex-wrap items-baseline gap-x-2">
						<span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">练习到期</span>
						<Link to="/exams/practice" className="text-brand-700 hover:underline">
							{agenda.practiceDue} 道题该复习了
						</Link>
					</li>
				) : null}
				{agenda.latestResult ? (
					<li className="flex flex-wrap items-baseline gap-x-2">
						<span className="rounded bg-green-50 px-1.5 py-0.5 text-xs font-medium text-green-800">最新成绩</span>
						<Link to={`/exams/attempts/${agenda.latestResult.attemptId}/result`} className="text-brand-700 hover:underline">
							{agenda.latestResult.roundTitle}：{agenda.latestResult.score} / {agenda.latestResult.maxScore} 分
						</Link>
					</li>
				) : null}
			</ul>
		</section>
	)
}
