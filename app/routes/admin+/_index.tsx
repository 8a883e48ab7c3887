import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { auditActionLabel } from '#app/admin/audit-actions.ts'
import { adminOverview } from '#app/admin/overview.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { ROLE_LABELS } from '#app/utils/roles.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction = () => [{ title: '管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	return adminOverview(prisma)
}

function Stat({ label, value, detail, to }: { label: string; value: number; detail?: string; to: string }) {
	return (
		<Link to={to} className="rounded-lg border border-gray-200 bg-white p-4 hover:border-brand-600">
			<p className="text-sm text-gray-600">{label}</p>
			<p className="mt-1 text-3xl font-semibold">{value}</p>
			{detail ? <p className="mt-1 text-xs text-gray-500">{detail}</p> : null}
		</Link>
	)
}

export default function AdminOverviewPage() {
	const { units, users, roles, recent } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title="管理" description="单位、人员、批量导入与审计日志。" />
			<AdminNav />
			<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
				<Stat label="在用单位" value={units.active} detail={units.inactive ? `另有 ${units.inactive} 个已停用` : undefined} to="/admin/units" />
				<Stat label="在用账号" value={users.active} detail={users.inactive ? `另有 ${users.inactive} 个已停用` : undefined} to="/admin/users?status=active" />
				<Stat label="尚未修改初始密码" value={users.pendingPasswordChange} detail="首次登录改密后即不再计入" to="/admin/users?status=pending" />
				<div className="rounded-lg border border-gray-200 bg-white p-4">
					<p className="text-sm text-gray-600">各身份人数（在用）</p>
					<ul className="mt-2 space-y-1 text-sm">
						{roles.map(({ role, count }) => (
							<li key={role} className="flex justify-between">
								<Link to={`/admin/users?role=${role}&status=active`} className="text-brand-700 hover:underline">
									{ROLE_LABELS[role]}
								</Link>
								<span>{count}</span>
							</li>
						))}
					</ul>
				</div>
			</div>
			<div className="mt-6 grid gap-4 lg:grid-cols-3">
				<section className="rounded-lg border border-gray-200 bg-white p-4">
					<h2 className="font-semibold">常用操作</h2>
					<ul className="mt-2 space-y-2 text-sm">
						<li><Link className="text-brand-700 hover:underline" to="/admin/users/new">新建用户</Link></li>
						<li><Link className="text-brand-700 hover:underline" to="/admin/units/new">新建单位</Link></li>
						<li><Link className="text-brand-700 hover:underline" to="/admin/import">从 Excel / CSV 批量导入</Link></li>
						<li><Link className="text-brand-700 hover:underline" to="/admin/audit">查看审计日志、校验哈希链</Link></li>
					</ul>
				</section>
				<section className="rounded-lg border border-gray-200 bg-white p-4 lg:col-span-2">
					<div className="flex items-baseline justify-between">
						<h2 className="font-semibold">最近操作</h2>
						<Link to="/admin/audit" className="text-sm text-brand-700 hover:underline">全部</Link>
					</div>
					{recent.length === 0 ? (
						<p className="mt-2 text-sm text-gray-500">暂无记录。</p>
					) : (
						<ul className="mt-2 divide-y text-sm">
							{recent.map((entry) => (
								<li key={entry.id} className="flex flex-wrap gap-x-3 py-1.5">
									<span className="text-gray-500">{formatDateTime(entry.createdAt)}</span>
									<span className="font-medium">
										{entry.actorName ?? '系统'}
										{entry.actorUsername ? <span className="ml-1 text-xs font-normal text-gray-600">{entry.actorUsername}</span> : null}
									</span>
									<span>{auditActionLabel(entry.action)}</span>
									<span className="text-gray-600">{entry.summary}</span>
								</li>
							))}
						</ul>
					)}
				</section>
			</div>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
