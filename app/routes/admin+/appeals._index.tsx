// Admin: the appeals queue (成绩申诉, ADR 062), filtered by state; open ones oldest first.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable } from '#app/components/data-table.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { listAppeals } from '#app/rankings/appeals-admin.ts'
import { APPEAL_STATUS_LABELS, APPEAL_STATUSES } from '#app/rankings/appeals-labels.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn } from '#app/utils/misc.ts'
import { AppealStatusBadge } from '#app/components/appeal-status-badge.tsx'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction = () => [{ title: '成绩申诉 · 管理 · 红审学堂' }]

const FilterSchema = z.enum([...APPEAL_STATUSES, 'all']).catch('open')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const filter = FilterSchema.parse(new URL(request.url).searchParams.get('status') ?? 'open')
	const { appeals, counts } = await listAppeals(prisma, { status: filter === 'all' ? null : filter })
	return data(
		{
			filter,
			counts,
			appeals: appeals.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null })),
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

const score = (value: number | null) => (value === null ? '—' : String(value))

export default function AdminAppealsPage() {
	const { filter, counts, appeals } = useLoaderData<typeof loader>()
	return (
		<Page>
			<AdminNav />
			<PageHeader title="成绩申诉" description="学员在排行榜发布后 7 天内可对本人已公布得分的题目申诉。受理后请按题型重新评分（客观题更正答案，主观题由评阅人改分），再到“排行榜”生成新草稿并发布。" />
			<nav aria-label="申诉状态" className="mb-4 flex flex-wrap gap-2 text-sm">
				{(['open', 'accepted', 'rejected', 'all'] as const).map((status) => (
					<Link
						key={status}
						to={`?status=${status}`}
						aria-current={filter === status ? 'page' : undefined}
						className={cn('rounded border px-3 py-1', filter === status ? 'border-brand-700 bg-brand-50 text-brand-700' : 'border-gray-300 bg-white text-gray-700')}
					>
						{status === 'all' ? '全部' : `${APPEAL_STATUS_LABELS[status]}（${counts[status] ?? 0}）`}
					</Link>
				))}
			</nav>
			<DataTable label="申诉列表" columns={['状态', '学员', '轮次与题目', '申诉理由', '得分（申诉时 → 现在）', '提交时间', '']} rowCount={appeals.length} emptyMessage="没有这一状态的申诉">
				{appeals.map((a) => (
					<tr key={a.id}>
						<td className="px-3 py-2">
							<AppealStatusBadge status={a.status} />
						</td>
						<td className="px-3 py-2">
							{a.learnerName}
							<span className="block text-xs text-gray-500">{a.unitName}</span>
						</td>
						<td className="px-3 py-2">
							{a.roundTitle} · 第 {a.position} 题
						</td>
						<td className="max-w-xs px-3 py-2 break-words">{a.reason.length > 60 ? `${a.reason.slice(0, 60)}…` : a.reason}</td>
						<td className="px-3 py-2 whitespace-nowrap">
							{score(a.scoreAtFiling)} → {score(a.currentScore)} / {a.points}
						</td>
						<td className="px-3 py-2 whitespace-nowrap">{formatChinaDateTime(new Date(a.createdAt))}</td>
						<td className="px-3 py-2 whitespace-nowrap">
							<Link to={`/admin/appeals/${a.id}`} className="text-brand-700 hover:underline">
								{a.status === 'open' ? '处理' : '查看'}
							</Link>
						</td>
					</tr>
				))}
			</DataTable>
		</Page>
	)
}
