import { Link, useSearchParams } from '@remix-run/react'
import { cn } from '#app/utils/misc.ts'

/** Page links that keep the current filters. */
export function Pagination({ page, pageCount, total, unit = '条' }: { page: number; pageCount: number; total: number; unit?: string }) {
	const [searchParams] = useSearchParams()
	const hrefFor = (target: number) => {
		const next = new URLSearchParams(searchParams)
		next.set('page', String(target))
		return `?${next}`
	}
	const pages = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b)
	return (
		<nav aria-label="分页" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
			<p className="text-gray-600">
				共 {total} {unit}，第 {page} / {pageCount} 页
			</p>
			<div className="flex flex-wrap items-center gap-1">
				{page > 1 ? (
					<Link to={hrefFor(page - 1)} className="rounded border border-gray-200 bg-white px-3 py-1 hover:bg-gray-50">
						上一页
					</Link>
				) : null}
				{pages.map((p, i) => (
					<span key={p} className="flex items-center gap-1">
						{i > 0 && p - pages[i - 1]! > 1 ? <span className="px-1 text-gray-400">…</span> : null}
						<Link
							to={hrefFor(p)}
							aria-current={p === page ? 'page' : undefined}
							className={cn('rounded border border-gray-300 px-3 py-1', p === page ? 'border-brand-700 bg-brand-700 text-white' : 'bg-white hover:bg-gray-50')}
						>
							{p}
						</Link>
					</span>
				))}
				{page < pageCount ? (
					<Link to={hrefFor(page + 1)} className="rounded border border-gray-200 bg-white px-3 py-1 hover:bg-gray-50">
						下一页
					</Link>
				) : null}
			</div>
		</nav>
	)
}
