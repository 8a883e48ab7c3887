import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { ROUND_TOPIC_TITLES, type RoundTopic } from '#app/exams/rounds/season-template.ts'
import { getSeason } from '#app/exams/rounds/season.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.season.name ?? '赛季'} · 管理 · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const season = await getSeason(prisma, params.seasonId!)
	if (!season) throw data({ message: '找不到这个赛季' }, { status: 404 })
	return { season }
}

const STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' }

export default function SeasonPage() {
	const { season } = useLoaderData<typeof loader>()
	return (
		<Page>
			<AdminNav />
			<PageHeader
				title={season.name}
				actions={
					<Link to="/admin/seasons" className={buttonClass('secondary')}>
						全部赛季
					</Link>
				}
			/>
			<table className="w-full rounded-lg border bg-white text-sm">
				<caption className="sr-only">本赛季的四个轮次</caption>
				<thead>
					<tr className="border-b text-left text-gray-600">
						<th className="p-2">轮次</th>
						<th className="p-2">专题</th>
						<th className="p-2">时间</th>
						<th className="p-2">时长</th>
						<th className="p-2">状态</th>
						<th className="p-2">作答</th>
						<th className="p-2" />
					</tr>
				</thead>
				<tbody>
					{season.rounds.map((round) => (
						<tr key={round.id} className="border-b last:border-0">
							<td className="p-2">
								<Link to={`/admin/rounds/${round.id}`} className="text-brand-700 hover:underline">
									{round.title}
								</Link>
							</td>
							<td className="p-2">{ROUND_TOPIC_TITLES[round.topic as RoundTopic] ?? round.topic}</td>
							<td className="p-2">
								{formatChinaDateTime(new Date(round.opensAt))} – {formatChinaDateTime(new Date(round.closesAt))}
							</td>
							<td className="p-2">{round.timeLimitMinutes} 分钟</td>
							<td className="p-2">{STATUS_LABELS[round.status] ?? round.status}</td>
							<td className="p-2">{round._count.attempts} 人次</td>
							<td className="p-2">
								<Link to={`/admin/rounds/${round.id}/stats`} className="text-brand-700 hover:underline">
									统计
								</Link>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</Page>
	)
}
