import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { listRoundsForLearner } from '#app/exams/rounds/learner-rounds.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const meta: MetaFunction = () => [{ title: '考试 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const rounds = await listRoundsForLearner(prisma, { candidate: user, now: new Date() })
	return { rounds }
}

const STATE_LABELS = { upcoming: '未开始', open: '进行中', closed: '已截止' } as const
const ATTEMPT_STATUS = { open: '作答中', submitted: '已交卷', expired: '到时收卷' } as Record<string, string>

export default function ExamsHome() {
	const { rounds } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader
				title="技能比武"
				description="红审善业技能比武：每季一赛，“3+1”（财政、经责、固投三个专题 + 综合）。"
				actions={
					<>
						<Link to="/exams/mistakes" className={buttonClass('secondary')}>
							错题本
						</Link>
						<Link to="/exams/practice" className={buttonClass('secondary')}>
							练习
						</Link>
					</>
				}
			/>
			{rounds.length === 0 ? (
				<p className="rounded border bg-white p-6 text-gray-600">目前没有您可以参加的考试。</p>
			) : (
				<ul className="flex flex-col gap-4">
					{rounds.map((round) => (
						<li key={round.id} className="rounded-lg border bg-white p-4">
							<div className="flex flex-wrap items-start justify-between gap-3">
								<div className="min-w-0">
									<p className="text-xs text-gray-500">{round.seasonName}</p>
									<h2 className="text-lg font-semibold">
										<Link to={`/exams/rounds/${round.id}`} className="hover:underline">
											{round.title}
										</Link>
									</h2>
									<p className="mt-1 text-sm text-gray-600">
										{formatChinaDateTime(new Date(round.opensAt))} 至 {formatChinaDateTime(new Date(round.closesAt))} · 限时 {round.timeLimitMinutes} 分钟
										{round.extraMinutes ? `（另加 ${round.extraMinutes} 分钟）` : ''}
									</p>
									{/* When the answers and explanations appear, so nobody has to guess (issue 11 item 3). */}
									<p className="mt-0.5 text-sm text-gray-600">
										{round.reviewOpen ? '复盘已开放：可查看答案与解析' : `复盘（答案与解析）将于 ${formatChinaDateTime(new Date(round.reviewOpensAt))} 后开放`}
									</p>
								</div>
								<span className="rounded bg-gray-100 px-2 py-0.5 text-sm">{STATE_LABELS[round.state]}</span>
							</div>
							{round.attempts.length ? (
								<ul className="mt-3 flex flex-col gap-1 text-sm">
									{round.attempts.map((attempt) => (
										<li key={attempt.id} className="flex flex-wrap items-center gap-3">
											<span>第 {attempt.attemptNo} 次：{ATTEMPT_STATUS[attempt.status] ?? attempt.status}</span>
											{attempt.score !== null ? (
												<span className="font-medium">
													{attempt.score} / {attempt.maxScore} 分
												</span>
											) : attempt.status === 'open' ? null : attempt.scoreReleased ? (
												<span className="text-gray-600">阅卷中</span>
											) : (
												<span className="text-gray-600">{attempt.scoreReleaseAt ? `成绩将于 ${formatChinaDateTime(new Date(attempt.scoreReleaseAt))} 后公布` : '成绩暂未公布'}</span>
											)}
											{attempt.status !== 'open' ? (
												<Link to={`/exams/attempts/${attempt.id}/result`} className="text-brand-700 hover:underline">
													{round.reviewOpen ? '查看成绩与复盘' : attempt.scoreReleased ? '查看成绩' : '查看交卷情况'}
												</Link>
											) : null}
										</li>
									))}
								</ul>
							) : null}
							<div className="mt-3 flex flex-wrap gap-2">
								{round.openAttemptId ? (
									<Link to={`/exams/attempts/${round.openAttemptId}`} className={buttonClass('primary')}>
										继续作答
									</Link>
								) : round.canStart ? (
									<Link to={`/exams/rounds/${round.id}`} className={buttonClass('primary')}>
										进入考试
									</Link>
								) : null}
							</div>
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}
