// The frame every chart shares (ADR 035): an inline, server-rendered SVG named by its title
// for screen readers, and the same numbers in a labelled table behind “以表格查看”. One frame,
// so each chart only draws its marks and its table rows, and two charts on one page never share
// an id (useId, not a fixed id).
import { useId, type ReactNode } from 'react'

export function ChartFrame({
	title,
	width,
	height,
	tableLabel,
	table,
	legend,
	children,
}: {
	/** Says what the chart shows; the SVG's accessible name. */
	title: string
	/** The SVG's coordinate box; it scales to the width it is given (a 320 px phone too). */
	width: number
	height: number
	/** The accessible name of the table alternative. */
	tableLabel: string
	/** `<thead>` and `<tbody>` of the table alternative. */
	table: ReactNode
	legend?: ReactNode
	children: ReactNode
}) {
	const titleId = useId()
	return (
		<figure className="flex min-w-0 flex-col gap-2">
			<svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-2xl" role="img" aria-labelledby={titleId}>
				<title id={titleId}>{title}</title>
				{children}
			</svg>
			{legend}
			<figcaption className="min-w-0">
				<details>
					<summary className="cursor-pointer text-sm text-gray-700">以表格查看</summary>
					<div className="mt-2 overflow-x-auto">
						<table className="text-sm" aria-label={tableLabel}>
							{table}
						</table>
					</div>
				</details>
			</figcaption>
		</figure>
	)
}
