// 我的申诉: the signed-in person's own appeals and the admins' replies (ADR 062).
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { APPEAL_STATUS_LABELS, APPEAL_WINDOW_DAYS } from '#app/rankings/appeals-labels.ts'
import { listMyAppeals } from '#app/rankings/appeals.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AppealStatusBadge } from '#app/components/appeal-status-badge.tsx'

export const meta: MetaFunction = () => [{ title: '我的申诉 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/appeals')
	const appeals = await listMyAppeals(prisma, { userId: user.id })
	return data(
		{ appeals: appeals.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null })) },
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

export default function MyAppealsPage() {
	const { appeals } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader
				title="我的申诉"
				description={`排行榜发布后 ${APPEAL_WINDOW_DAYS} 天内，可对本人答卷中已公布得分的题目提出成绩申诉，每题一次。请在成绩页点击“对评分有异议？提出申诉”。`}
			/>
			{appeals.length === 0 ? (
				<p className="rounded border bg-white p-4 text-gray-700">您还没有提出过申诉。</p>
			) : (
				<ul className="flex flex-col gap-3" aria-label="申诉列表">
					{appeals.map((appeal) => (
						<li key={appeal.id} className="rounded-lg border bg-white p-4 break-words">
							<div className="flex flex-wrap items-center justify-between gap-2">
								<h2 className="font-semibold">
									{appeal.roundTitle} · 第 {appeal.position} 题
								</h2>
								<AppealStatusBadge status={appeal.status} />
							</div>
							<p className="mt-1 text-xs text-gray-500">提交于 {formatChinaDateTime(new Date(appeal.createdAt))}</p>
							<p className="mt-2 text-sm whitespace-pre-wrap">{appeal.reason}</p>
							{appeal.decidedAt ? (
								<div className="mt-3 rounded bg-gray-50 p-3 text-sm">
									<p className="font-medium">
										{APPEAL_STATUS_LABELS[appeal.status]}（{formatChinaDateTime(new Date(appeal.decidedAt))}）
									</p>
									{appeal.reply ? <p className="mt-1 whitespace-pre-wrap">答复：{appeal.reply}</p> : null}
									{appeal.status === 'accepted' ? <p className="mt-1 text-gray-600">重新评分后，以重新发布的排行榜为准。</p> : null}
								</div>
							) : null}
							<p className="mt-2 text-sm">
								<Link to={`/exams/attempts/${appeal.attemptId}/result`} className="text-brand-700 hover:underline">
									查看成绩
								</Link>
							</p>
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}
