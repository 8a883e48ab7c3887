// Pieces the learning pages share: the section navigation, progress bars, topic badges,
// highlighted search matches and durations.
import { NavLink } from '@remix-run/react'
import type { Segment } from '#app/courses/search/search-kinds.ts'
import { AUDIENCE_LABELS, AUDIENCES, type Audience } from '#app/courses/vocabulary.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { cn } from '#app/utils/misc.ts'

const SECTIONS = [
	{ to: '/learn', label: '课程库', end: true },
	{ to: '/learn/search', label: '搜索', end: false },
	{ to: '/learn/mine', label: '我的学习', end: false },
	{ to: '/learn/mentor', label: '我的导师', end: false },
	{ to: '/problems', label: '共性问题清单', end: false },
]

export function LearnNav() {
	return (
		<nav aria-label="学习" className="no-print mb-6 flex flex-wrap gap-1 border-b border-gray-200">
			{SECTIONS.map((section) => (
				<NavLink
					key={section.to}
					to={section.to}
					end={section.end}
					className={({ isActive }) =>
						cn('-mb-px border-b-2 px-3 py-2 text-sm', isActive ? 'border-brand-700 font-medium text-brand-700' : 'border-transparent text-gray-600 hover:text-gray-900')
					}
				>
					{section.label}
				</NavLink>
			))}
		</nav>
	)
}

/** A filter drop-down whose empty choice means "all". */
export function FilterSelect({ label, name, value, allLabel, options }: { label: string; name: string; value: string | null; allLabel: string; options: { value: string; label: string }[] }) {
	return (
		<label className="flex flex-col gap-1 text-sm">
			<span className="font-medium">{label}</span>
			<select name={name} defaultValue={value ?? ''} className="rounded border border-gray-300 bg-white px-3 py-2">
				<option value="">{allLabel}</option>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</label>
	)
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
	return (
		<div className="flex items-center gap-2" title={label}>
			<div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 flex-1 overflow-hidden rounded bg-gray-200">
				<div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
			</div>
			<span className="w-10 text-right text-xs text-gray-600">{percent}%</span>
		</div>
	)
}

export function TopicBadge({ topic }: { topic: string }) {
	return <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">{TOPIC_LABELS[topic as Topic] ?? topic}</span>
}

export function audienceText(audiences: string[]) {
	return AUDIENCES.filter((audience) => audiences.includes(audience))
		.map((audience) => AUDIENCE_LABELS[audience as Audience])
		.join('、')
}

/** Search matches wrapped in <mark>; the text itself is never parsed as HTML. */
export function Highlighted({ segments }: { segments: Segment[] }) {
	return (
		<>
			{segments.map((segment, index) =>
				segment.match ? (
					<mark key={index} className="rounded bg-yellow-200 px-0.5">
						{segment.text}
					</mark>
				) : (
					<span key={index}>{segment.text}</span>
				),
			)}
		</>
	)
}

export function formatDuration(seconds: number) {
	if (seconds < 60) return seconds > 0 ? '不到 1 分钟' : '0 分钟'
	const minutes = Math.round(seconds / 60)
	return minutes < 60 ? `${minutes} 分钟` : `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`
}
