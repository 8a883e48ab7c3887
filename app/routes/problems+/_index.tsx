import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { listProblems, problemCategories } from '#app/courses/problems.ts'
import { searchLibrary } from '#app/courses/search/search.ts'
import { TOPIC_LABELS, TOPICS, type Topic } from '#app/utils/topics.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { FilterSelect, Highlighted, LearnNav } from '#app/components/learn-section.tsx'
import { filterSearch, problemQuery } from './__filter.ts'

export const meta: MetaFunction = () => [{ title: '共性问题清单 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/problems')
	const { q, topic, category } = problemQuery(request)
	const [problems, categories, search] = await Promise.all([
		listProblems(prisma, { topic, category }),
		problemCategories(prisma),
		q ? searchLibrary(prisma, q, { kinds: ['problem'], limit: 100 }) : null,
	])
	return { q, topic: topic ?? null, category: category ?? null, problems, categories, hits: search?.hits ?? null }
}

export default function ProblemsPage() {
	const { q, topic, category, problems, categories, hits } = useLoaderData<typeof loader>()
	const filter = filterSearch({ topic: topic ?? undefined, category: category ?? undefined })
	const byCategory = new Map<string, typeof problems>()
	for (const problem of problems) byCategory.set(problem.category, [...(byCategory.get(problem.category) ?? []), problem])
	return (
		<Page>
			<PageHeader
				title="共性问题清单"
				description="审计中反复发现的问题：问题描述、典型表现与证据、定性依据和处理建议，供各部门（单位）学习借鉴。"
				actions={
					<>
						<Link to={`/problems/booklet${filter}`} className={buttonClass('secondary')}>
							打印小册子
						</Link>
						<a href={`/problems/export.xlsx${filter}`} className={buttonClass('secondary')} download>
							导出 Excel
						</a>
					</>
				}
			/>
			<LearnNav />
			<div className="mb-6 flex flex-wrap items-end gap-4">
				<Form method="get" className="flex flex-wrap items-end gap-3" aria-label="筛选共性问题">
					<FilterSelect label="专题" name="topic" value={topic} allLabel="全部专题" options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))} />
					<FilterSelect label="类别" name="category" value={category} allLabel="全部类别" options={categories.map((c) => ({ value: c, label: c }))} />
					<button type="submit" className={buttonClass('secondary')}>
						筛选
					</button>
				</Form>
				{/* On a phone the box takes the row's width beside its button; a fixed 16 rem would overflow 320 px. */}
				<Form method="get" role="search" className="ml-auto flex w-full items-end gap-2 sm:w-auto">
					<label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
						<span className="font-medium">搜索共性问题</span>
						<input type="search" name="q" defaultValue={q} placeholder="如：坐收坐支" className="w-full rounded border border-gray-300 px-3 py-2 sm:w-64" />
					</label>
					<button type="submit" className={buttonClass()}>
						搜索
					</button>
				</Form>
			</div>
			{hits ? (
				<section aria-label="搜索结果">
					<p className="mb-3 text-sm text-gray-600" role="status">
						{hits.length ? `找到 ${hits.length} 条与“${q}”相关的共性问题` : `没有找到与“${q}”相关的共性问题。`}
					</p>
					<ol className="flex flex-col gap-3">
						{hits.map((hit) => (
							<li key={hit.refId} className="rounded border border-gray-200 bg-white p-4">
								<p className="text-xs text-gray-500">{hit.context}</p>
								<Link to={hit.href} className="font-semibold hover:underline">
									<Highlighted segments={hit.title} />
								</Link>
								<p className="mt-1 text-sm text-gray-700">
									<Highlighted segments={hit.snippet} />
								</p>
							</li>
						))}
					</ol>
				</section>
			) : problems.length === 0 ? (
				<p className="rounded border border-gray-200 bg-white p-6 text-gray-600">没有符合条件的共性问题。</p>
			) : (
				[...byCategory].map(([name, entries]) => (
					<section key={name} aria-label={name} className="mb-6">
						<h2 className="mb-2 text-lg font-semibold">{name}</h2>
						<ul className="divide-y divide-gray-200 rounded border border-gray-200 bg-white">
							{entries.map((problem) => (
								<li key={problem.code} className="p-4">
									<p className="text-xs text-gray-500">
										{problem.code} · {TOPIC_LABELS[problem.topic as Topic] ?? problem.topic}
									</p>
									<Link to={`/problems/${problem.code}`} className="font-medium hover:underline">
										{problem.title}
									</Link>
									<p className="mt-1 line-clamp-2 text-sm text-gray-700">{problem.description}</p>
								</li>
							))}
						</ul>
					</section>
				))
			)}
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
