import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useRef } from 'react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { UNIT_KIND_LABELS, type UnitKind } from '#app/admin/unit-kinds.ts'
import { unitTreeWithCounts } from '#app/admin/units.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { StatusBadge } from '#app/components/notice.tsx'

export const meta: MetaFunction = () => [{ title: '单位 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	return { tree: await unitTreeWithCounts(prisma) }
}

type Node = Awaited<ReturnType<typeof unitTreeWithCounts>>[number]

function UnitLine({ node }: { node: Node }) {
	return (
		<span className="inline-flex flex-wrap items-center gap-2">
			<Link to={`/admin/units/${node.id}`} className={node.active ? 'font-medium text-gray-900 hover:text-brand-700 hover:underline' : 'text-gray-500 line-through hover:underline'}>
				{node.name}
			</Link>
			<span className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">{UNIT_KIND_LABELS[node.kind as UnitKind] ?? node.kind}</span>
			{node.activeUsers ? (
				<Link to={`/admin/users?unit=${node.id}&scope=self`} className="text-xs text-gray-500 hover:underline">
					{node.activeUsers} 人
				</Link>
			) : null}
			{node.active ? null : <StatusBadge active={false} />}
		</span>
	)
}

function UnitBranch({ node }: { node: Node }) {
	if (node.children.length === 0) {
		return (
			<li className="py-1" data-unit={node.name}>
				<UnitLine node={node} />
			</li>
		)
	}
	return (
		<li data-unit={node.name}>
			{/* The unit's links stay outside <summary>: a link inside the toggle is a control nested in a control. */}
			<div className="py-1">
				<UnitLine node={node} />
			</div>
			{/* Province, city and district levels start open; units below them start folded. */}
			<details open={node.depth < 3} className="group">
				<summary className="cursor-pointer py-1 text-xs text-gray-600 marker:text-gray-600">
					<span className="sr-only">{node.name}的</span>下级单位 {node.children.length} 个
				</summary>
				<ul className="ml-3 border-l border-gray-200 pl-3">
					{node.children.map((child) => (
						<UnitBranch key={child.id} node={child} />
					))}
				</ul>
			</details>
		</li>
	)
}

export default function UnitsPage() {
	const { tree } = useLoaderData<typeof loader>()
	const treeRef = useRef<HTMLUListElement>(null)
	const setAll = (open: boolean) => treeRef.current?.querySelectorAll('details').forEach((d) => (d.open = open))
	return (
		<Page>
			<PageHeader
				title="单位"
				description="按 省 → 市 → 区 → 单位 的层级显示。点击名称可修改、停用或启用。"
				actions={
					<>
						<Link to="/admin/units/new" className={buttonClass('primary')}>
							新建单位
						</Link>
						<Link to="/admin/import?kind=units" className={buttonClass('secondary')}>
							批量导入
						</Link>
					</>
				}
			/>
			<AdminNav />
			<div className="mb-2 flex gap-3 text-sm">
				<button type="button" className={buttonClass('link')} onClick={() => setAll(true)}>
					全部展开
				</button>
				<button type="button" className={buttonClass('link')} onClick={() => setAll(false)}>
					全部折叠
				</button>
			</div>
			<div className="rounded-lg border border-gray-200 bg-white p-4">
				{tree.length === 0 ? (
					<p className="text-sm text-gray-500">还没有单位。</p>
				) : (
					<ul ref={treeRef} aria-label="单位树">
						{tree.map((node) => (
							<UnitBranch key={node.id} node={node} />
						))}
					</ul>
				)}
			</div>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
