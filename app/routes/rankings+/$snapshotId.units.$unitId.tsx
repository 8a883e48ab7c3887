// Drill-down from a published ranking's unit row to its people (issue 10 item 2, ADR 064):
// admins any unit; a member only their own unit and only when the season allows it. The check
// is app/rankings/drill-down.ts, on the server; the page gets names, ranks and scores only.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { UnitMembersTable } from '#app/components/ranking-unit-members.tsx'
import { snapshotUnitDrillDown } from '#app/rankings/drill-down.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const meta: MetaFunction = () => [{ title: '单位人员明细 · 排行榜 · 红审学堂' }]

const ParamsSchema = z.object({ snapshotId: z.string().min(1).max(100), unitId: z.string().min(1).max(100) })

const REFUSED = {
	not_allowed: '本赛季未开放单位人员明细，只有管理员可以查看。',
	other_unit: '只能查看您所在单位的人员明细。',
} as const

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/rankings')
	const parsed = ParamsSchema.safeParse(params)
	if (!parsed.success) throw data({ message: '找不到这个排行榜或单位。' }, { status: 404 })
	const result = await snapshotUnitDrillDown(prisma, { ...parsed.data, viewer: user })
	if (result.status === 'not_found') throw data({ message: '找不到这个排行榜或单位。' }, { status: 404 })
	if (result.status === 'forbidden') throw data({ message: REFUSED[result.reason] }, { status: 403 })
	return { snapshot: result.snapshot, members: result.members }
}

export default function UnitDrillDownPage() {
	const { snapshot, members } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader
				title={`${members.unitName}：人员明细`}
				description={`${snapshot.title} · 第 ${snapshot.version} 版（已发布，名次为全榜名次）`}
				actions={
					<Link to={`/rankings?snapshot=${encodeURIComponent(snapshot.id)}`} className="text-sm text-brand-700 hover:underline">
						返回排行榜
					</Link>
				}
			/>
			<section aria-label="单位人员" className="flex min-w-0 flex-col gap-4 text-sm">
				<p>
					参与排名 {members.people.length} 人，缺考 {members.absent.length} 人。
				</p>
				<div>
					<UnitMembersTable members={members} />
				</div>
				<p className="text-xs break-all text-gray-600">
					内容哈希（SHA-256）：<span className="font-mono">{snapshot.contentHash}</span>
				</p>
			</section>
		</Page>
	)
}
