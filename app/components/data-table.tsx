// The list pages (people, audit log, bank, grading queue) share one table frame and one
// pair of filter buttons, so they look and behave alike.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { cn } from '#app/utils/misc.ts'
import { buttonClass } from './forms.tsx'

export type DataTableColumn = string | { label: ReactNode; className?: string }

/** A bordered, scrollable table; with no rows it says `emptyMessage` across all columns. */
export function DataTable({
	columns,
	rowCount,
	emptyMessage,
	label,
	children,
}: {
	columns: DataTableColumn[]
	rowCount: number
	emptyMessage: ReactNode
	label?: string
	children: ReactNode
}) {
	return (
		<div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
			<table className="min-w-full text-sm" aria-label={label}>
				<thead className="bg-gray-50 text-left text-gray-600">
					<tr>
						{columns.map((column, index) =>
							typeof column === 'string' ? (
								<th key={index} className="px-3 py-2">
									{column}
								</th>
							) : (
								<th key={index} className={cn('px-3 py-2', column.className)}>
									{column.label}
								</th>
							),
						)}
					</tr>
				</thead>
				<tbody className="divide-y divide-gray-100">
					{rowCount === 0 ? (
						<tr>
							<td colSpan={columns.length} className="px-3 py-6 text-center text-gray-500">
								{emptyMessage}
							</td>
						</tr>
					) : (
						children
					)}
				</tbody>
			</table>
		</div>
	)
}

/**
 * 筛选 submits the filter form; 清除 reloads the bare list. A full load, because the
 * form's fields are uncontrolled and would otherwise keep the old choices on screen.
 */
export function FilterActions({ clearTo }: { clearTo: string }) {
	return (
		<div className="flex items-end gap-2">
			<button type="submit" className={buttonClass('primary')}>
				筛选
			</button>
			<Link to={clearTo} reloadDocument className={buttonClass('secondary')}>
				清除
			</Link>
		</div>
	)
}
