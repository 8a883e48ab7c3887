import { Link } from '@remix-run/react'
import type { StalePublication } from '#app/rankings/appeals-admin.ts'

/** On the rankings page: published rankings with accepted appeals since their latest version (ADR 062). */
export function AcceptedAppealsNotice({ stale }: { stale: StalePublication[] }) {
	if (stale.length === 0) return null
	return (
		<section aria-label="待重新发布" className="mb-6 rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
			<p className="font-medium">以下排行榜在最近一次发布后有已受理的申诉：重新评分后请生成新草稿并重新发布。</p>
			<ul className="mt-2 flex flex-col gap-1">
				{stale.map((s) => (
					<li key={`${s.scope}:${s.scopeId}`}>
						<Link to={`/admin/rankings/${s.scope}/${s.scopeId}`} className="text-brand-700 hover:underline">
							{s.title}
						</Link>
						（第 {s.version} 版之后受理 {s.acceptedSince} 项申诉）
					</li>
				))}
			</ul>
			<p className="mt-2">
				<Link to="/admin/appeals?status=accepted" className="text-brand-700 hover:underline">
					查看已受理的申诉
				</Link>
			</p>
		</section>
	)
}
