// The mentorship records as the mentor, the apprentice and the term report show them.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { chinaDayOf, monthLabel } from '#app/mentorship/dates.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'

type Day = Date | string
const day = (value: Day | null | undefined) => (value ? chinaDayOf(new Date(value)) : '')

export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
	return (
		<section aria-labelledby={id} className="mb-6 break-inside-avoid rounded-lg border border-gray-200 bg-white p-4 sm:p-5">
			<div className="mb-3 flex flex-wrap items-center justify-between gap-2">
				<h2 id={id} className="text-lg font-semibold">
					{title}
				</h2>
				{actions}
			</div>
			{children}
		</section>
	)
}

export type AssignmentItem = { id: string; kind: string; title: string; link: string; note: string; dueAt: Day | null; done: boolean; completedAt: Day | null; progressText: string; overdue: boolean }

export function AssignmentStatus({ item }: { item: AssignmentItem }) {
	if (item.done) {
		const late = item.dueAt && item.completedAt && new Date(item.completedAt) > new Date(item.dueAt)
		return <span className="rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">{late ? '逾期完成' : '已完成'} {day(item.completedAt)}</span>
	}
	if (item.overdue) return <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800">已逾期</span>
	return <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">进行中</span>
}

const KIND_LABELS: Record<string, string> = { lesson: '课时', course: '课程', practice: '练习' }

export function AssignmentList({ items, empty, linkable = true }: { items: AssignmentItem[]; empty: string; linkable?: boolean }) {
	if (!items.length) return <p className="text-sm text-gray-600">{empty}</p>
	return (
		<ul className="divide-y divide-gray-100" aria-label="指定学习列表">
			{items.map((item) => (
				<li key={item.id} className="py-2" data-assignment={item.title}>
					<div className="flex flex-wrap items-center gap-2">
						<span className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">{KIND_LABELS[item.kind] ?? item.kind}</span>
						{linkable && !item.done ? (
							<Link to={item.link} className="font-medium text-brand-700 hover:underline">
								{item.title}
							</Link>
						) : (
							<span className="font-medium">{item.title}</span>
						)}
						<AssignmentStatus item={item} />
					</div>
					<p className="mt-0.5 text-xs text-gray-600">
						{item.dueAt ? `截止 ${day(item.dueAt)} · ` : ''}进度 {item.progressText}
						{item.note ? ` · ${item.note}` : ''}
					</p>
				</li>
			))}
		</ul>
	)
}

export type CheckInItem = { id: string; heldOn: Day; topics: string; notes: string; nextSteps: string }

export function CheckInList({ items }: { items: CheckInItem[] }) {
	if (!items.length) return <p className="text-sm text-gray-600">还没有每月一学记录。</p>
	return (
		<ol className="divide-y divide-gray-100" aria-label="每月一学记录">
			{items.map((c) => (
				<li key={c.id} className="py-2 text-sm">
					<p className="font-medium">
						{day(c.heldOn)} · {c.topics}
					</p>
					{c.notes ? <p className="mt-0.5 whitespace-pre-wrap text-gray-700">{c.notes}</p> : null}
					{c.nextSteps ? <p className="mt-0.5 text-gray-700">下一步：{c.nextSteps}</p> : null}
				</li>
			))}
		</ol>
	)
}

export type ReflectionItem = { id: string; month: string; content: string }

export function ReflectionList({ items }: { items: ReflectionItem[] }) {
	if (!items.length) return <p className="text-sm text-gray-600">还没有学习心得。</p>
	return (
		<ol className="divide-y divide-gray-100" aria-label="学习心得">
			{items.map((r) => (
				<li key={r.id} className="py-2 text-sm">
					<p className="font-medium">{monthLabel(r.month)}</p>
					<p className="mt-0.5 whitespace-pre-wrap text-gray-700">{r.content}</p>
				</li>
			))}
		</ol>
	)
}

export type ProjectItem = {
	id: string
	projectName: string
	topic: string
	periodStart: Day
	periodEnd: Day | null
	role: string
	work: string
	learned: string
	authorName: string
	comments: { id: string; body: string; authorName: string; createdAt: Day }[]
}

export function ProjectList({ items, commentForm }: { items: ProjectItem[]; commentForm?: (entryId: string) => ReactNode }) {
	if (!items.length) return <p className="text-sm text-gray-600">还没有项目记录。</p>
	return (
		<ol className="divide-y divide-gray-100" aria-label="项目记录">
			{items.map((p) => (
				<li key={p.id} className="py-3 text-sm">
					<p className="font-medium">
						{p.projectName}
						<span className="ml-2 rounded bg-gray-100 px-1.5 py-0.5 text-xs font-normal text-gray-700">{TOPIC_LABELS[p.topic as Topic] ?? p.topic}</span>
					</p>
					<p className="text-xs text-gray-600">
						{day(p.periodStart)} 至 {p.periodEnd ? day(p.periodEnd) : '今'} · 角色：{p.role} · 记录人：{p.authorName}
					</p>
					<p className="mt-1 whitespace-pre-wrap">承担工作：{p.work}</p>
					{p.learned ? <p className="mt-0.5 whitespace-pre-wrap text-gray-700">收获：{p.learned}</p> : null}
					{p.comments.length ? (
						<ul className="mt-2 space-y-1 border-l-2 border-brand-100 pl-3" aria-label="导师点评">
							{p.comments.map((c) => (
								<li key={c.id}>
									<span className="text-gray-500">{c.authorName} 点评：</span>
									{c.body}
								</li>
							))}
						</ul>
					) : null}
					{commentForm ? commentForm(p.id) : null}
				</li>
			))}
		</ol>
	)
}
